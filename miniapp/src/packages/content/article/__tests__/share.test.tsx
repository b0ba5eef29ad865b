// Sharing the article: the share handlers, opens from a share (links and poster codes), the 分享 sheet in the
// mini-program and in H5 (poster preview and save-to-album), and 关注公众号.
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { encodeScene } from '@chuangan/shared/share'
import { memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { articleDetail } from '../../../../../test/fixtures'
import {
  API,
  type Req,
  type Routes,
  SESSION_KEY,
  SHARE_CODE,
  commentPage,
  serveApi,
  session,
} from '../../../../../test/api'
import ArticlePage from '../index'

const ALBUM = 'scope.writePhotosAlbum'
const COVER = '/media/covers/hall.png'
const OTHER_CODE = 'Zq81mN0p'
const $ = (selector: string) => document.querySelector(selector)
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null
const toasted = (title: string) =>
  waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title })))

/** The article page's routes plus the share routes; the list of requests made. */
function serveArticle(params: Record<string, string> = { id: '12' }, routes: Routes = {}): Req[] {
  setRouterParams(params)
  return serveApi({
    'GET /articles/12': () => articleDetail(12, { title: '霍尔传感器入门', cover: COVER }),
    'POST /articles/12/read': () => ({ counted: true, reads: 101 }),
    'GET /articles/12/comments': () => commentPage([]),
    'POST /shares': () => ({ shares: 1 }),
    'POST /shares/opens': () => ({ counted: true, newReader: true }),
    ...routes,
  })
}

const shares = (log: Req[]) => log.filter((r) => r.method === 'POST' && r.url === `${API}/shares`)
const opens = (log: Req[]) => log.filter((r) => r.method === 'POST' && r.url === `${API}/shares/opens`)
const weapp = () => taroApi('getEnv').mockReturnValue('WEAPP')
const signedIn = () => memoryStorage({ [SESSION_KEY]: session() })

async function renderPage() {
  const view = render(<ArticlePage />)
  await waitFor(() => expect($('.article-title')?.textContent).toBe('霍尔传感器入门'))
  return view
}

describe('the share handlers', () => {
  it('put the signed-in reader’s code in the path and query, and record each share', async () => {
    weapp()
    signedIn()
    const log = serveArticle()
    await renderPage()

    expect(taroApi('showShareMenu')).toHaveBeenCalledWith({ menus: ['shareAppMessage', 'shareTimeline'] })
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toEqual({
      title: '霍尔传感器入门',
      path: `/packages/content/article/index?id=12&s=${SHARE_CODE}&ch=friend`,
      imageUrl: `http://api.test${COVER}`,
    })
    expect(triggerPageHook('useShareTimeline')).toEqual({
      title: '霍尔传感器入门',
      query: `id=12&s=${SHARE_CODE}&ch=timeline`,
      imageUrl: `http://api.test${COVER}`,
    })
    await waitFor(() => expect(shares(log)).toHaveLength(2))
    expect(shares(log).map((r) => r.data)).toEqual([
      { target: { type: 'article', id: 12 }, channel: 'friend' },
      { target: { type: 'article', id: 12 }, channel: 'timeline' },
    ])
    expect(shares(log)[0].header.Authorization).toBe('Bearer tok-1')
  })

  it('share without a sharer and record nothing when signed out', async () => {
    memoryStorage()
    const log = serveArticle()
    await renderPage()

    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toMatchObject({
      path: '/packages/content/article/index?id=12&ch=friend',
    })
    expect(triggerPageHook('useShareTimeline')).toMatchObject({ query: 'id=12&ch=timeline' })
    expect(shares(log)).toHaveLength(0)
    // H5 has no share menu to set up
    expect(taroApi('showShareMenu')).not.toHaveBeenCalled()
  })

  it('leave the image out when the article has no cover', async () => {
    memoryStorage()
    serveArticle(
      { id: '12' },
      { 'GET /articles/12': () => articleDetail(12, { title: '霍尔传感器入门', cover: null }) },
    )
    await renderPage()
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).not.toHaveProperty('imageUrl')
    expect(triggerPageHook('useShareTimeline')).not.toHaveProperty('imageUrl')
  })
})

describe('an open from a share', () => {
  it('is recorded once with the sharer and channel of the link (the H5 link of the browser test)', async () => {
    memoryStorage()
    const log = serveArticle({ id: '12', s: OTHER_CODE, ch: 'friend' })
    await renderPage()

    expect(opens(log)).toHaveLength(1)
    expect(opens(log)[0].data).toEqual({ target: { type: 'article', id: 12 }, sharer: OTHER_CODE, channel: 'friend' })
    expect(opens(log)[0].header['X-Reader-Id']).toMatch(/^[A-Za-z0-9_-]{16,32}$/)
    // the same reader id as the read counter's
    const read = log.find((r) => r.url.endsWith('/read'))!
    expect(opens(log)[0].header['X-Reader-Id']).toBe(read.header['X-Reader-Id'])

    // a refresh is the same page view
    await act(async () => triggerPageHook('usePullDownRefresh'))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(opens(log)).toHaveLength(1)
  })

  it('is sent before the article has loaded, and its failure shows nothing', async () => {
    memoryStorage()
    const log = serveArticle(
      { id: '12', s: OTHER_CODE, ch: 'friend' },
      {
        'GET /articles/12': () => new Promise(() => undefined),
        'POST /shares/opens': () => Promise.reject(new Error('offline')),
      },
    )
    render(<ArticlePage />)
    await waitFor(() => expect(opens(log)).toHaveLength(1))
    expect($('.article-title')).toBeNull()
    expect(taroApi('showToast')).not.toHaveBeenCalled()
  })

  it('takes the channel from WeChat’s scene: a card forwarded into a group is a group open', async () => {
    weapp()
    memoryStorage()
    taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1008 })
    const log = serveArticle({ id: '12', s: OTHER_CODE, ch: 'friend' })
    await renderPage()
    expect(opens(log)[0].data).toEqual({
      target: { type: 'article', id: 12 },
      sharer: OTHER_CODE,
      channel: 'group',
      scene: 1008,
    })
  })

  it('opens the article from a poster’s scene alone, and records a poster open', async () => {
    weapp()
    signedIn()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1047 })
    const scene = encodeScene({ target: 'article', id: 12, sharer: OTHER_CODE })
    const log = serveArticle({ scene: encodeURIComponent(scene) })
    await renderPage()

    expect(log[0]).toMatchObject({ method: 'GET', url: `${API}/articles/12/page` })
    expect(opens(log).map((r) => r.data)).toEqual([
      { target: { type: 'article', id: 12 }, sharer: OTHER_CODE, channel: 'poster', scene: 1047 },
    ])
    // shared on from here, it is the article's own path with my code
    expect(triggerPageHook('useShareAppMessage', { from: 'menu' })).toMatchObject({
      path: `/packages/content/article/index?id=12&s=${SHARE_CODE}&ch=friend`,
    })
  })

  it('sends my own code too (the server ignores it)', async () => {
    signedIn()
    const log = serveArticle({ id: '12', s: SHARE_CODE, ch: 'timeline' })
    await renderPage()
    expect(opens(log).map((r) => r.data.sharer)).toEqual([SHARE_CODE])
    expect(opens(log)[0].header.Authorization).toBe('Bearer tok-1')
  })

  it('is not recorded without a valid sharer, or for a scene naming another page', async () => {
    memoryStorage()
    const log = serveArticle({ id: '12', s: 'short', ch: 'friend' })
    const view = await renderPage()
    expect(opens(log)).toHaveLength(0)
    view.unmount()

    setRouterParams({ scene: encodeScene({ target: 'author', id: 12, sharer: OTHER_CODE }) })
    render(<ArticlePage />)
    expect(document.body.textContent).toContain('文章不存在或已下线')
    expect(opens(log)).toHaveLength(0)
  })
})

describe('the 分享 sheet in the mini-program', () => {
  const POSTER = `${API}/share/poster?article=12&sharer=${SHARE_CODE}`

  async function openSheet() {
    await renderPage()
    fireEvent.click(byTestId('action-share')!)
    await waitFor(() => expect(byTestId('share-options')).not.toBeNull())
  }

  async function openPoster() {
    await openSheet()
    fireEvent.click(byTestId('share-poster')!)
    await waitFor(() => expect(byTestId('share-poster-image')).not.toBeNull())
  }

  it('offers 发送给朋友 (WeChat’s wording) as WeChat’s share button, which closes the sheet', async () => {
    weapp()
    signedIn()
    const log = serveArticle()
    await openSheet()

    expect(byTestId('share-options')!.textContent).toContain('发送给朋友')
    expect(byTestId('share-options')!.textContent).toContain('分享到朋友圈')
    expect(byTestId('share-options')!.textContent).toContain('生成海报')
    const friend = byTestId('share-friend')!
    expect(friend.getAttribute('data-open-type')).toBe('share')
    fireEvent.click(friend)
    expect($('.share-sheet')).toBeNull()
    // WeChat then asks the page for the share (from: button), which records it
    triggerPageHook('useShareAppMessage', { from: 'button' })
    await waitFor(() => expect(shares(log).map((r) => r.data.channel)).toEqual(['friend']))
  })

  it('points at the ··· menu for 分享到朋友圈', async () => {
    weapp()
    signedIn()
    const log = serveArticle()
    await openSheet()

    fireEvent.click(byTestId('share-timeline')!)
    const guide = byTestId('share-timeline-guide')!
    expect(guide.textContent).toContain('点击右上角')
    expect(guide.textContent).toContain('分享到朋友圈')
    expect($('.share-sheet')).toBeNull()
    // the guide is not a share yet: the menu's 分享到朋友圈 (onShareTimeline) records it
    expect(shares(log)).toHaveLength(0)
    fireEvent.click(guide)
    expect(byTestId('share-timeline-guide')).toBeNull()
  })

  it('records the poster, shows it loading, then saves it to the album after asking once', async () => {
    weapp()
    signedIn()
    const log = serveArticle()
    taroApi('getSetting').mockResolvedValue({ authSetting: {} })
    taroApi('downloadFile').mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' })
    await openPoster()

    await waitFor(() =>
      expect(shares(log).map((r) => r.data)).toEqual([{ target: { type: 'article', id: 12 }, channel: 'poster' }]),
    )
    expect(byTestId('share-poster-image')!.getAttribute('src')).toBe(POSTER)
    expect(byTestId('share-poster-loading')).not.toBeNull()
    // nothing to save before the poster is there
    fireEvent.click(byTestId('share-poster-save')!)
    expect(taroApi('getSetting')).not.toHaveBeenCalled()

    fireEvent.load(byTestId('share-poster-image')!)
    expect(byTestId('share-poster-loading')).toBeNull()
    fireEvent.click(byTestId('share-poster-save')!)

    await toasted('已保存到相册')
    expect(taroApi('authorize')).toHaveBeenCalledWith({ scope: ALBUM })
    expect(taroApi('downloadFile')).toHaveBeenCalledWith({ url: POSTER })
    expect(taroApi('saveImageToPhotosAlbum')).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/poster.png' })
    expect(taroApi('showModal')).not.toHaveBeenCalled()
  })

  it('sends a reader who refused the album before to 设置, then saves', async () => {
    weapp()
    signedIn()
    serveArticle()
    taroApi('getSetting').mockResolvedValue({ authSetting: { [ALBUM]: false } })
    taroApi('showModal').mockResolvedValue({ confirm: true, cancel: false })
    taroApi('openSetting').mockResolvedValue({ authSetting: { [ALBUM]: true } })
    taroApi('downloadFile').mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/poster.png' })
    await openPoster()
    fireEvent.load(byTestId('share-poster-image')!)

    fireEvent.click(byTestId('share-poster-save')!)

    await toasted('已保存到相册')
    expect(taroApi('showModal')).toHaveBeenCalledWith(expect.objectContaining({ confirmText: '去设置' }))
    expect(taroApi('openSetting')).toHaveBeenCalledTimes(1)
    // WeChat will not ask again: no authorize
    expect(taroApi('authorize')).not.toHaveBeenCalled()
    expect(taroApi('saveImageToPhotosAlbum')).toHaveBeenCalledTimes(1)
  })

  it('saves nothing when the reader keeps the album closed', async () => {
    weapp()
    memoryStorage()
    serveArticle()
    taroApi('getSetting').mockResolvedValue({ authSetting: { [ALBUM]: false } })
    taroApi('showModal').mockResolvedValue({ confirm: true, cancel: false })
    taroApi('openSetting').mockResolvedValue({ authSetting: { [ALBUM]: false } })
    await openPoster()
    fireEvent.load(byTestId('share-poster-image')!)

    fireEvent.click(byTestId('share-poster-save')!)

    await waitFor(() => expect(taroApi('openSetting')).toHaveBeenCalled())
    await waitFor(() => expect(byTestId('share-poster-save')!.textContent).toBe('保存到相册'))
    expect(taroApi('downloadFile')).not.toHaveBeenCalled()
    expect(taroApi('saveImageToPhotosAlbum')).not.toHaveBeenCalled()
  })

  it('says so when the reader declines WeChat’s album dialog', async () => {
    weapp()
    memoryStorage()
    serveArticle()
    taroApi('getSetting').mockResolvedValue({ authSetting: {} })
    taroApi('authorize').mockRejectedValue({ errMsg: 'authorize:fail auth deny' })
    await openPoster()
    fireEvent.load(byTestId('share-poster-image')!)

    fireEvent.click(byTestId('share-poster-save')!)

    await toasted('需要相册权限才能保存海报')
    expect(taroApi('downloadFile')).not.toHaveBeenCalled()
    expect(taroApi('showModal')).not.toHaveBeenCalled()
  })

  it('says so when the download fails', async () => {
    weapp()
    memoryStorage()
    serveArticle()
    taroApi('getSetting').mockResolvedValue({ authSetting: { [ALBUM]: true } })
    taroApi('downloadFile').mockResolvedValue({ statusCode: 502, tempFilePath: 'wxfile://tmp/error.json' })
    await openPoster()
    fireEvent.load(byTestId('share-poster-image')!)

    fireEvent.click(byTestId('share-poster-save')!)

    await toasted('保存失败，请稍后重试')
    expect(taroApi('saveImageToPhotosAlbum')).not.toHaveBeenCalled()
  })

  it('shows an error with 重试 when the poster fails, and asks again', async () => {
    weapp()
    memoryStorage()
    const log = serveArticle()
    await openPoster()
    // signed out: a poster without a sharer, and no share recorded
    expect(byTestId('share-poster-image')!.getAttribute('src')).toBe(`${API}/share/poster?article=12`)
    expect(shares(log)).toHaveLength(0)

    const first = byTestId('share-poster-image')!
    fireEvent.error(first)
    expect(byTestId('share-poster-error')!.textContent).toContain('海报生成失败')
    fireEvent.click(byTestId('share-poster-retry')!)

    expect(byTestId('share-poster-error')).toBeNull()
    expect(byTestId('share-poster-loading')).not.toBeNull()
    // a new image element: the poster is fetched again
    expect(byTestId('share-poster-image')).not.toBe(first)
    fireEvent.load(byTestId('share-poster-image')!)
    expect(byTestId('share-poster-loading')).toBeNull()
  })
})

describe('the 分享 sheet in H5', () => {
  it('shows the steps, the mini-program code to scan, and the poster to long-press', async () => {
    signedIn()
    const log = serveArticle()
    await renderPage()

    fireEvent.click(byTestId('action-share')!)

    // the two steps one after the other, in the words of WeChat's menu
    const steps = Array.from(byTestId('share-h5-prompt')!.querySelectorAll('.share-h5__step')).map((s) => s.textContent)
    expect(steps).toEqual(['1. 点击右上角「···」', '2. 选择「发送给朋友」或「分享到朋友圈」'])
    expect(byTestId('share-code-image')!.getAttribute('src')).toBe(`${API}/share/code?article=12&sharer=${SHARE_CODE}`)
    expect(byTestId('share-code-caption')!.textContent).toContain('微信扫一扫')
    expect(byTestId('share-friend')).toBeNull()
    expect(byTestId('share-timeline')).toBeNull()

    fireEvent.click(byTestId('share-poster')!)

    expect(byTestId('share-poster-image')!.getAttribute('src')).toBe(
      `${API}/share/poster?article=12&sharer=${SHARE_CODE}`,
    )
    expect(byTestId('share-poster-hint')!.textContent).toContain('长按')
    expect(byTestId('share-poster-save')).toBeNull()
    await waitFor(() => expect(shares(log).map((r) => r.data.channel)).toEqual(['poster']))
  })

  it('closes with ✕', async () => {
    memoryStorage()
    serveArticle()
    await renderPage()
    fireEvent.click(byTestId('action-share')!)
    fireEvent.click(byTestId('sheet-close')!)
    expect(byTestId('share-h5-prompt')).toBeNull()
  })
})

describe('关注公众号', () => {
  const QR = 'http://api.test/media/site/official-account-qr.png'

  it.each([1011, 1017, 1025, 1047, 1124])('uses WeChat’s component after launch scene %i', async (scene) => {
    weapp()
    memoryStorage()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene })
    serveArticle()
    await renderPage()
    expect(byTestId('follow-account')!.querySelector('[data-taro="OfficialAccount"]')).not.toBeNull()
    expect(byTestId('follow-account-card')).toBeNull()
  })

  it('shows the account’s QR code after other scenes, and in H5', async () => {
    weapp()
    memoryStorage()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1001 })
    serveArticle()
    const view = await renderPage()
    expect(byTestId('follow-account')).toBeNull()
    expect(byTestId('follow-account-card')!.textContent).toContain('关注「传感说」公众号')
    expect(byTestId('follow-account-qr')!.getAttribute('src')).toBe(QR)
    view.unmount()

    taroApi('getEnv').mockReturnValue('WEB')
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1047 })
    await renderPage()
    expect(byTestId('follow-account')).toBeNull()
    expect(byTestId('follow-account-card')).not.toBeNull()
  })

  it('falls back to the QR code when the component fails, and hides the card when the image is missing', async () => {
    weapp()
    memoryStorage()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1047 })
    serveArticle()
    await renderPage()

    fireEvent.error(byTestId('follow-account')!.querySelector('[data-taro="OfficialAccount"]')!)
    expect(byTestId('follow-account')).toBeNull()
    fireEvent.error(byTestId('follow-account-qr')!)
    expect(byTestId('follow-account-card')).toBeNull()
  })
})
