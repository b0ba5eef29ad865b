// Author, column and periodical pages: their share handlers (path and query with the sharer's code, the images)
// and the open recorded when one is reached from a share.
import { render, waitFor } from '@testing-library/react'
import { encodeScene } from '@chuangan/shared/share'
import { memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { authorProfile, columnProfile } from '../../../../test/fixtures'
import { API, type Req, type Routes, SESSION_KEY, SHARE_CODE, serveApi, session } from '../../../../test/api'
import AuthorPage from '../author/index'
import ColumnPage from '../column/index'
import PeriodicalPage from '../periodical/index'

const SHARER = 'Zq81mN0p'
const EMPTY_FEED = { items: [], nextCursor: null }
const periodical = {
  id: 4,
  slug: 'sensor-monthly',
  name: '传感月刊',
  description: '',
  cover: '/media/periodicals/4.png',
  issueCount: 0,
  issues: [],
}

function serve(params: Record<string, string>, routes: Routes): Req[] {
  setRouterParams(params)
  return serveApi({
    'GET /articles': () => EMPTY_FEED,
    'POST /shares': () => ({ shares: 1 }),
    'POST /shares/opens': () => ({ counted: true, newReader: false }),
    ...routes,
  })
}

const shares = (log: Req[]) => log.filter((r) => r.url === `${API}/shares`).map((r) => r.data)
const opens = (log: Req[]) => log.filter((r) => r.url === `${API}/shares/opens`).map((r) => r.data)
const headTitle = () => document.querySelector('.entity-head__name')?.textContent

describe('the author page', () => {
  it('shares its path with my code (chats: a screenshot; Moments: the avatar) and records the shares', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage({ [SESSION_KEY]: session() })
    const log = serve({ id: '3' }, { 'GET /authors/3': () => authorProfile() })
    render(<AuthorPage />)
    await waitFor(() => expect(headTitle()).toBe('传感说编辑部'))

    expect(taroApi('showShareMenu')).toHaveBeenCalledWith({ menus: ['shareAppMessage', 'shareTimeline'] })
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toEqual({
      title: '传感说编辑部｜传感说作者',
      path: `/packages/content/author/index?id=3&s=${SHARE_CODE}&ch=friend`,
    })
    expect(triggerPageHook('useShareTimeline')).toEqual({
      title: '传感说编辑部｜传感说作者',
      query: `id=3&s=${SHARE_CODE}&ch=timeline`,
      imageUrl: 'http://api.test/media/avatars/bianjibu.png',
    })
    await waitFor(() => expect(shares(log)).toHaveLength(2))
    expect(shares(log)).toEqual([
      { target: { type: 'author', id: 3 }, channel: 'friend' },
      { target: { type: 'author', id: 3 }, channel: 'timeline' },
    ])
    expect(opens(log)).toHaveLength(0)
  })

  it('records an open from a shared link, signed out', async () => {
    memoryStorage()
    const log = serve({ id: '3', s: SHARER, ch: 'timeline' }, { 'GET /authors/3': () => authorProfile() })
    render(<AuthorPage />)
    await waitFor(() => expect(headTitle()).toBe('传感说编辑部'))

    expect(opens(log)).toEqual([{ target: { type: 'author', id: 3 }, sharer: SHARER, channel: 'timeline' }])
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toMatchObject({
      path: '/packages/content/author/index?id=3&ch=friend',
    })
    expect(shares(log)).toHaveLength(0)
  })

  it('opens from a mini-program code naming the author', async () => {
    memoryStorage()
    const log = serve(
      { scene: encodeScene({ target: 'author', id: 3, sharer: SHARER }) },
      { 'GET /authors/3': () => authorProfile() },
    )
    render(<AuthorPage />)
    await waitFor(() => expect(headTitle()).toBe('传感说编辑部'))
    expect(opens(log)).toEqual([{ target: { type: 'author', id: 3 }, sharer: SHARER, channel: 'poster' }])
  })
})

describe('the column page', () => {
  it('shares by slug and records under the column’s id once it has loaded', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    const column = { ...columnProfile(5, 'mems-weekly', 'MEMS 周刊'), cover: '/media/columns/5.png' }
    const log = serve({ slug: 'mems-weekly', s: SHARER, ch: 'friend' }, { 'GET /columns/mems-weekly': () => column })
    render(<ColumnPage />)
    await waitFor(() => expect(headTitle()).toBe('MEMS 周刊'))

    await waitFor(() =>
      expect(opens(log)).toEqual([{ target: { type: 'column', id: 5 }, sharer: SHARER, channel: 'friend' }]),
    )
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toEqual({
      title: 'MEMS 周刊｜传感说专栏',
      path: `/packages/content/column/index?slug=mems-weekly&s=${SHARE_CODE}&ch=friend`,
      imageUrl: 'http://api.test/media/columns/5.png',
    })
    expect(triggerPageHook('useShareTimeline')).toEqual({
      title: 'MEMS 周刊｜传感说专栏',
      query: `slug=mems-weekly&s=${SHARE_CODE}&ch=timeline`,
      imageUrl: 'http://api.test/media/columns/5.png',
    })
    await waitFor(() => expect(shares(log)).toHaveLength(2))
    expect(shares(log)[0]).toEqual({ target: { type: 'column', id: 5 }, channel: 'friend' })
  })

  it('records no share before the column is known (its id comes with it)', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    const log = serve({ slug: 'mems-weekly' }, { 'GET /columns/mems-weekly': () => new Promise(() => undefined) })
    render(<ColumnPage />)
    await waitFor(() => expect(log.some((r) => r.url.startsWith(`${API}/articles?`))).toBe(true))
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toEqual({
      title: '传感说',
      path: `/packages/content/column/index?slug=mems-weekly&s=${SHARE_CODE}&ch=friend`,
    })
    expect(shares(log)).toHaveLength(0)
  })
})

describe('the periodical page', () => {
  it('shares with its cover and records an open from a group', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1044 })
    memoryStorage()
    const log = serve({ id: '4', s: SHARER, ch: 'friend' }, { 'GET /periodicals/4': () => periodical })
    render(<PeriodicalPage />)
    await waitFor(() => expect(headTitle()).toBe('传感月刊'))

    expect(opens(log)).toEqual([
      { target: { type: 'periodical', id: 4 }, sharer: SHARER, channel: 'group', scene: 1044 },
    ])
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toEqual({
      title: '传感月刊｜传感说期刊',
      path: '/packages/content/periodical/index?id=4&ch=friend',
      imageUrl: 'http://api.test/media/periodicals/4.png',
    })
    expect(triggerPageHook('useShareTimeline')).toMatchObject({ query: 'id=4&ch=timeline' })
  })
})
