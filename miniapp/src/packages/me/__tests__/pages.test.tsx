import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { articleCard } from '../../../../test/fixtures'
import {
  API,
  type Req,
  SESSION_KEY,
  comment,
  fail,
  folder,
  queryOf,
  serveApi,
  session,
  viewer,
} from '../../../../test/api'
import FoldersPage from '../folders'
import FolderPage from '../folder'
import MyCommentsPage from '../comments'
import MyLikesPage from '../likes'

const $ = (selector: string, root: ParentNode = document) => root.querySelector(selector)
const byTestId = (id: string, root: ParentNode = document) => root.querySelector(`[data-testid="${id}"]`)
const allByTestId = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`))
const writes = (log: Req[]) => log.filter((r) => r.method !== 'GET').map((r) => [r.method, r.url, r.data])
const toasted = (title: string) =>
  waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title })))

beforeEach(() => {
  memoryStorage({ [SESSION_KEY]: session() })
})

describe('我的收藏 (folders)', () => {
  const FOLDERS = [folder(1, '默认收藏夹', { isDefault: true, count: 4 }), folder(2, '行业动态', { count: 2 })]
  const names = () => allByTestId('folder-row').map((el) => el.getAttribute('data-name'))
  const row = (name: string) => allByTestId('folder-row').find((el) => el.getAttribute('data-name') === name)!

  async function renderFolders(routes: Parameters<typeof serveApi>[0] = {}) {
    const log = serveApi({ 'GET /me/folders': () => ({ items: FOLDERS }), ...routes })
    render(<FoldersPage />)
    await waitFor(() => expect(allByTestId('folder-row')).toHaveLength(FOLDERS.length))
    return log
  }

  it('lists my folders with counts, the default one marked, and opens one', async () => {
    const log = await renderFolders()
    expect(log[0].header.Authorization).toBe('Bearer tok-1')
    expect(names()).toEqual(['默认收藏夹', '行业动态'])
    expect(row('默认收藏夹').textContent).toContain('默认')
    expect(row('行业动态').textContent).toContain('2 项收藏')

    fireEvent.click(row('行业动态'))
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/me/folder/index?id=2' })
  })

  it('creates a folder (after the default one)', async () => {
    const log = await renderFolders({ 'POST /me/folders': (req) => folder(5, req.data.name) })

    fireEvent.click(byTestId('folders-create')!)
    fireEvent.change(byTestId('folder-name-input')!, { target: { value: '选型资料' } })
    fireEvent.click(byTestId('folder-name-submit')!)

    await waitFor(() => expect(names()).toEqual(['默认收藏夹', '选型资料', '行业动态']))
    expect(writes(log)).toEqual([['POST', `${API}/me/folders`, { name: '选型资料' }]])
    expect(byTestId('folder-name-input')).toBeNull()
  })

  it('renames a folder from its ··· menu', async () => {
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 0 })
    const log = await renderFolders({
      'PATCH /me/folders/2': (req) => folder(2, req.data.name, { count: 2 }),
    })

    expect(byTestId('folder-row-more', row('行业动态'))!.getAttribute('aria-label')).toBe('更多操作')
    fireEvent.click(byTestId('folder-row-more', row('行业动态'))!)
    await waitFor(() => expect(byTestId('folder-name-input')).not.toBeNull())
    expect((byTestId('folder-name-input') as HTMLInputElement).value).toBe('行业动态')
    fireEvent.change(byTestId('folder-name-input')!, { target: { value: '行业新闻' } })
    fireEvent.click(byTestId('folder-name-submit')!)

    await waitFor(() => expect(names()).toEqual(['默认收藏夹', '行业新闻']))
    expect(writes(log)).toEqual([['PATCH', `${API}/me/folders/2`, { name: '行业新闻' }]])
    // tapping ··· does not open the folder
    expect(taroApi('navigateTo')).not.toHaveBeenCalled()
  })

  it('deletes a folder only after confirming that its articles go with it', async () => {
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 1 })
    taroApi('showModal').mockResolvedValueOnce({ confirm: false }).mockResolvedValueOnce({ confirm: true })
    const log = await renderFolders({ 'DELETE /me/folders/2': () => ({ ok: true }) })

    fireEvent.click(byTestId('folder-row-more', row('行业动态'))!)
    await waitFor(() => expect(taroApi('showModal')).toHaveBeenCalledTimes(1))
    expect(taroApi('showModal').mock.calls[0][0]).toMatchObject({ content: '删除收藏夹会移除其中的文章' })
    expect(writes(log)).toEqual([])

    fireEvent.click(byTestId('folder-row-more', row('行业动态'))!)
    await waitFor(() => expect(names()).toEqual(['默认收藏夹']))
    expect(writes(log)).toEqual([['DELETE', `${API}/me/folders/2`, undefined]])
  })

  it('offers only 重命名 for the default folder', async () => {
    taroApi('showActionSheet').mockRejectedValue({ errMsg: 'showActionSheet:fail cancel' })
    await renderFolders()
    fireEvent.click(byTestId('folder-row-more', row('默认收藏夹'))!)
    await waitFor(() => expect(taroApi('showActionSheet')).toHaveBeenCalledWith({ itemList: ['重命名'] }))
  })

  it('reloads on pull-down', async () => {
    const log = await renderFolders()
    await act(async () => triggerPageHook('usePullDownRefresh'))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(log.filter((r) => r.url.endsWith('/me/folders'))).toHaveLength(2)
  })

  it('asks a signed-out reader to sign in first, without calling the API', () => {
    memoryStorage()
    const log = serveApi({})
    render(<FoldersPage />)
    expect(screen.getByText('请先登录')).toBeTruthy()
    fireEvent.click(screen.getByText('去登录'))
    expect(taroApi('switchTab')).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(log).toHaveLength(0)
  })
})

describe('a folder’s articles', () => {
  const item = (id: number) => ({ article: articleCard(id), collectedAt: '2026-11-20T00:00:00.000Z' })
  const ids = () => Array.from(document.querySelectorAll('.article-card')).map((el) => el.getAttribute('data-id'))

  function serveFolder(extra: Parameters<typeof serveApi>[0] = {}) {
    setRouterParams({ id: '2' })
    return serveApi({
      'GET /me/folders/2/items': (req) =>
        queryOf(req).cursor === 'n2'
          ? { folder: folder(2, '行业动态', { count: 3 }), items: [item(103)], nextCursor: null }
          : { folder: folder(2, '行业动态', { count: 3 }), items: [item(101), item(102)], nextCursor: 'n2' },
      ...extra,
    })
  }

  it('lists the articles newest first and loads more at the bottom', async () => {
    const log = serveFolder()
    render(<FolderPage />)
    await waitFor(() => expect(ids()).toEqual(['101', '102']))
    expect($('.folder-title')?.textContent).toBe('行业动态')
    expect(taroApi('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '行业动态' })
    expect(queryOf(log[0])).toEqual({ limit: '10' })

    await act(async () => triggerPageHook('useReachBottom'))

    await waitFor(() => expect(ids()).toEqual(['101', '102', '103']))
    expect(queryOf(log[1])).toEqual({ limit: '10', cursor: 'n2' })
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('shows products beside the articles, in the order given, and takes a product out of this folder only', async () => {
    const product = {
      id: 7,
      model: 'PT-7',
      name: '扩散硅压力变送器',
      brand: '精测',
      category: { id: 3, name: '压力变送器', path: '压力传感器/压力变送器' },
      keyParams: ['0-1.6MPa', '4-20mA'],
      priceFrom: 176.16,
      stock: 28,
      moq: 1,
      leadTimeDays: 3,
      supplier: { id: 1, name: '深圳精测', region: '深圳', verified: true },
      updatedAt: '2026-12-01T00:00:00.000Z',
    }
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 0 })
    setRouterParams({ id: '2' })
    const log = serveApi({
      'GET /me/folders/2/items': () => ({
        folder: folder(2, '行业动态', { count: 2 }),
        items: [
          { kind: 'product', article: null, product, collectedAt: '2026-11-21T00:00:00.000Z' },
          { kind: 'article', article: articleCard(101), product: null, collectedAt: '2026-11-20T00:00:00.000Z' },
        ],
        nextCursor: null,
      }),
      'GET /products/7/favorite': () => ({ folderIds: [1, 2] }),
      'PUT /products/7/favorite': () => ({ folderIds: [1] }),
    })
    render(<FolderPage />)
    await waitFor(() => expect(ids()).toEqual(['101']))
    const order = Array.from(document.querySelectorAll('.folder-product, .article-card')).map((el) =>
      el.classList.contains('folder-product') ? `p${el.getAttribute('data-id')}` : `a${el.getAttribute('data-id')}`,
    )
    expect(order).toEqual(['p7', 'a101'])
    expect($('.product-item')?.textContent).toContain('PT-7')

    fireEvent.click(byTestId('folder-product-more')!)
    await waitFor(() => expect($('.folder-product')).toBeNull())
    expect(writes(log)).toEqual([['PUT', `${API}/products/7/favorite`, { folderIds: [1] }]])
    expect($('.me-toolbar__meta')?.textContent).toBe('1 项收藏')
    await toasted('已移出收藏夹')
  })

  it('moves an article to another folder', async () => {
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 0 })
    const log = serveFolder({
      'GET /me/folders': () => ({
        items: [folder(1, '默认收藏夹', { isDefault: true }), folder(2, '行业动态'), folder(3, '选型')],
      }),
      'POST /me/favorites/move': () => ({ folderIds: [3], favorites: 9 }),
    })
    render(<FolderPage />)
    await waitFor(() => expect(ids()).toEqual(['101', '102']))

    fireEvent.click(byTestId('article-more', $('[data-id="102"]')!)!)
    await waitFor(() => expect(allByTestId('move-option')).toHaveLength(2))
    // not into the folder it is in
    expect(allByTestId('move-option').map((el) => el.getAttribute('data-name'))).toEqual(['默认收藏夹', '选型'])
    fireEvent.click(allByTestId('move-option')[1])

    await waitFor(() => expect(ids()).toEqual(['101']))
    expect(writes(log)).toEqual([['POST', `${API}/me/favorites/move`, { articleId: 102, from: 2, to: 3 }]])
    expect(taroApi('navigateTo')).not.toHaveBeenCalled()
    await toasted('已移动到「选型」')
  })

  it('removes an article from this folder only, keeping it in my others', async () => {
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 1 })
    const log = serveFolder({
      'GET /articles/101/me': () => viewer({ folderIds: [1, 2] }),
      'PUT /articles/101/favorite': () => ({ folderIds: [1], favorites: 5 }),
    })
    render(<FolderPage />)
    await waitFor(() => expect(ids()).toEqual(['101', '102']))

    fireEvent.click(byTestId('article-more', $('[data-id="101"]')!)!)

    await waitFor(() => expect(ids()).toEqual(['102']))
    expect(writes(log)).toEqual([['PUT', `${API}/articles/101/favorite`, { folderIds: [1] }]])
    expect($('.me-toolbar__meta')?.textContent).toBe('2 项收藏')
  })

  it('keeps the article and says why when the move fails', async () => {
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 0 })
    serveFolder({
      'GET /me/folders': () => ({ items: [folder(3, '选型')] }),
      'POST /me/favorites/move': () => fail(404, 'FOLDER_NOT_FOUND', '收藏夹不存在'),
    })
    render(<FolderPage />)
    await waitFor(() => expect(ids()).toEqual(['101', '102']))
    fireEvent.click(byTestId('article-more', $('[data-id="101"]')!)!)
    await waitFor(() => expect(allByTestId('move-option')).toHaveLength(1))
    fireEvent.click(allByTestId('move-option')[0])
    await toasted('收藏夹不存在')
    expect(ids()).toEqual(['101', '102'])
  })
})

describe('我的评论', () => {
  it('shows each comment with its status and article, and opens the article', async () => {
    serveApi({
      'GET /me/comments': () => ({
        items: [
          {
            comment: comment({ id: 1, content: '等待审核', status: 'pending', mine: true }),
            article: { id: 12, title: '文章甲' },
          },
          { comment: comment({ id: 2, content: '已经发布', mine: true }), article: { id: 13, title: '文章乙' } },
          {
            comment: comment({
              id: 3,
              content: '被隐藏了',
              status: 'hidden',
              mine: true,
              replyTo: { id: 9, name: '老张' },
            }),
            article: { id: 12, title: '文章甲' },
          },
        ],
        nextCursor: null,
      }),
    })
    render(<MyCommentsPage />)
    await waitFor(() => expect(allByTestId('my-comment')).toHaveLength(3))

    const badges = allByTestId('my-comment').map((el) => $('.my-comment__status', el)?.textContent)
    expect(badges).toEqual(['审核中', '已发布', '已隐藏'])
    expect(allByTestId('my-comment')[2].textContent).toContain('回复 @老张：被隐藏了')
    expect(allByTestId('my-comment')[1].textContent).toContain('原文：文章乙')

    fireEvent.click(allByTestId('my-comment')[1])
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/article/index?id=13' })
  })

  it('says so when there are none', async () => {
    serveApi({ 'GET /me/comments': () => ({ items: [], nextCursor: null }) })
    render(<MyCommentsPage />)
    expect(await screen.findByText('还没有发表过评论')).toBeTruthy()
  })
})

describe('我的点赞', () => {
  it('lists liked articles, loads more at the bottom and refreshes on pull-down', async () => {
    const liked = (id: number) => ({ article: articleCard(id), likedAt: '2026-11-20T00:00:00.000Z' })
    const log = serveApi({
      'GET /me/likes': (req) =>
        queryOf(req).cursor
          ? { items: [liked(3)], nextCursor: null }
          : { items: [liked(1), liked(2)], nextCursor: 'c' },
    })
    render(<MyLikesPage />)
    const ids = () => Array.from(document.querySelectorAll('.article-card')).map((el) => el.getAttribute('data-id'))
    await waitFor(() => expect(ids()).toEqual(['1', '2']))

    await act(async () => triggerPageHook('useReachBottom'))
    await waitFor(() => expect(ids()).toEqual(['1', '2', '3']))

    await act(async () => triggerPageHook('usePullDownRefresh'))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(ids()).toEqual(['1', '2'])
    expect(log.map((r) => queryOf(r).cursor)).toEqual([undefined, 'c', undefined])
  })

  it('shows an empty state', async () => {
    serveApi({ 'GET /me/likes': () => ({ items: [], nextCursor: null }) })
    render(<MyLikesPage />)
    expect(await screen.findByText('还没有点赞过文章')).toBeTruthy()
  })
})
