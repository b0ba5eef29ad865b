// The article's engagement: action bar (收藏, 评论, 分享), comments, the composer and the folder sheet.
// 点赞 itself is covered in index.test.tsx.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, setRouterParams, taroApi } from '../../../../../test/mocks/taro'
import { articleDetail, deferred } from '../../../../../test/fixtures'
import {
  API,
  type Req,
  type Routes,
  SESSION_KEY,
  comment,
  commentPage,
  fail,
  folder,
  queryOf,
  serveApi,
  session,
  thread,
  viewer,
} from '../../../../../test/api'
import ArticlePage from '../index'

const HINT = '请前往小程序查看完整内容'
const $ = (selector: string, root: ParentNode = document) => root.querySelector(selector)
const $$ = (selector: string, root: ParentNode = document) => Array.from(root.querySelectorAll(selector))
const byTestId = (id: string, root: ParentNode = document) => root.querySelector(`[data-testid="${id}"]`)
const allByTestId = (id: string, root: ParentNode = document) => $$(`[data-testid="${id}"]`, root)
const text = (selector: string) => $(selector)?.textContent
const toasted = (title: string) =>
  waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title })))

const COUNTS = { reads: 100, likes: 42, comments: 5, favorites: 3, shares: 0 }

/** The article page's own routes plus the test's; the list of requests made. */
function serveArticle(routes: Routes = {}): Req[] {
  setRouterParams({ id: '12' })
  return serveApi({
    'GET /articles/12': () => articleDetail(12, { counts: COUNTS }),
    'POST /articles/12/read': () => ({ counted: true, reads: 101 }),
    'GET /articles/12/comments': () => commentPage([]),
    ...routes,
  })
}

const signedIn = () => memoryStorage({ [SESSION_KEY]: session() })

async function renderPage() {
  const view = render(<ArticlePage />)
  await waitFor(() => expect($('.article-title')).not.toBeNull())
  await waitFor(() => expect($('.skeleton', $('.comments')!)).toBeNull())
  return view
}

const commentItem = (id: number) => $(`[data-id="${id}"]`) as HTMLElement
const writes = (log: Req[]) => log.filter((r) => r.method !== 'GET' && !r.url.endsWith('/read'))

describe('收藏 (folder sheet)', () => {
  const FOLDERS = [folder(1, '默认收藏夹', { isDefault: true, count: 4 }), folder(2, '行业动态', { count: 1 })]
  const checked = () => allByTestId('folder-option').filter((el) => el.classList.contains('folder-option--checked'))
  const favorites = () => text('.favorite-count')
  const collected = () => $('.collect-button')!.classList.contains('collect-button--active')

  async function openSheet() {
    fireEvent.click(byTestId('action-collect')!)
    await waitFor(() => expect(allByTestId('folder-option').length).toBeGreaterThan(0))
  }

  it('checks the folders holding the article and counts the selection', async () => {
    signedIn()
    serveArticle({
      'GET /articles/12/me': () => viewer({ folderIds: [2], favorites: 7 }),
      'GET /me/folders': () => ({ items: FOLDERS }),
    })
    await renderPage()
    await waitFor(() => expect(favorites()).toBe('7'))
    expect(collected()).toBe(true)

    await openSheet()

    expect(checked().map((el) => el.getAttribute('data-name'))).toEqual(['行业动态'])
    expect(text('[data-testid="folder-selected-count"]')).toBe('已选择 1 个收藏夹')
    fireEvent.click(allByTestId('folder-option')[0])
    expect(text('[data-testid="folder-selected-count"]')).toBe('已选择 2 个收藏夹')
    // the count shows what the folder will hold after 完成
    expect(allByTestId('folder-option')[0].textContent).toContain('5 项')
    fireEvent.click(allByTestId('folder-option')[1])
    expect(text('[data-testid="folder-selected-count"]')).toBe('已选择 1 个收藏夹')
    expect(allByTestId('folder-option')[1].textContent).toContain('0 项')
  })

  it('creates a folder inline (checked at once) and sends the exact set on 完成, optimistically', async () => {
    signedIn()
    const put = deferred()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ folderIds: [], favorites: 3 }),
      'GET /me/folders': () => ({ items: FOLDERS }),
      'POST /me/folders': (req) => folder(9, req.data.name),
      'PUT /articles/12/favorite': () => put.promise.then(() => ({ folderIds: [1, 9], favorites: 4 })),
    })
    await renderPage()
    // my state came with the article page: no request of its own
    expect(log.some((r) => r.url.endsWith('/articles/12/me'))).toBe(false)
    await openSheet()
    expect(checked()).toHaveLength(0)

    fireEvent.click(allByTestId('folder-option')[0])
    fireEvent.click(byTestId('folder-new')!)
    fireEvent.change(byTestId('folder-new-input')!, { target: { value: ' 传感器选型 ' } })
    fireEvent.click(byTestId('folder-new-submit')!)

    await waitFor(() => expect(allByTestId('folder-option')).toHaveLength(3))
    // after the default folder, newest first
    expect(allByTestId('folder-option').map((el) => el.getAttribute('data-name'))).toEqual([
      '默认收藏夹',
      '传感器选型',
      '行业动态',
    ])
    expect(checked().map((el) => el.getAttribute('data-id'))).toEqual(['1', '9'])
    expect(text('[data-testid="folder-selected-count"]')).toBe('已选择 2 个收藏夹')

    fireEvent.click(byTestId('folder-done')!)

    // before the API answers: the sheet is gone and the bar shows the article collected
    await waitFor(() => expect(favorites()).toBe('4'))
    expect(collected()).toBe(true)
    expect(byTestId('folder-done')).toBeNull()
    expect(writes(log).map((r) => [r.method, r.url, r.data])).toEqual([
      ['POST', `${API}/me/folders`, { name: '传感器选型' }],
      ['PUT', `${API}/articles/12/favorite`, { folderIds: [1, 9] }],
    ])
    await act(async () => put.resolve(undefined))
    expect(favorites()).toBe('4')
  })

  it('rolls back and says why when collecting fails', async () => {
    signedIn()
    serveArticle({
      'GET /articles/12/me': () => viewer({ folderIds: [], favorites: 3 }),
      'GET /me/folders': () => ({ items: FOLDERS }),
      'PUT /articles/12/favorite': () => fail(404, 'FOLDER_NOT_FOUND', '收藏夹不存在'),
    })
    await renderPage()
    await openSheet()

    fireEvent.click(allByTestId('folder-option')[1])
    fireEvent.click(byTestId('folder-done')!)

    await toasted('收藏夹不存在')
    expect(favorites()).toBe('3')
    expect(collected()).toBe(false)
  })

  it('takes the article out of every folder when all are unchecked', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ folderIds: [1, 2], favorites: 3 }),
      'GET /me/folders': () => ({ items: FOLDERS }),
      'PUT /articles/12/favorite': () => ({ folderIds: [], favorites: 2 }),
    })
    await renderPage()
    await openSheet()

    allByTestId('folder-option').forEach((el) => fireEvent.click(el))
    expect(text('[data-testid="folder-selected-count"]')).toBe('已选择 0 个收藏夹')
    fireEvent.click(byTestId('folder-done')!)

    await waitFor(() => expect(favorites()).toBe('2'))
    expect(collected()).toBe(false)
    expect(writes(log)[0].data).toEqual({ folderIds: [] })
  })

  it('sends nothing when the choice is unchanged', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ folderIds: [2] }),
      'GET /me/folders': () => ({ items: FOLDERS }),
    })
    await renderPage()
    await openSheet()
    fireEvent.click(byTestId('folder-done')!)
    expect(byTestId('folder-done')).toBeNull()
    expect(writes(log)).toHaveLength(0)
  })

  it('refuses an empty folder name and shows the API’s message for a duplicate', async () => {
    signedIn()
    serveArticle({
      'GET /articles/12/me': () => viewer(),
      'GET /me/folders': () => ({ items: FOLDERS }),
      'POST /me/folders': () => fail(409, 'FOLDER_NAME_TAKEN', '已有名为「行业动态」的收藏夹，请换一个名称'),
    })
    await renderPage()
    await openSheet()
    fireEvent.click(byTestId('folder-new')!)
    expect(byTestId('folder-new-input')?.getAttribute('maxlength')).toBe('20')
    expect((byTestId('folder-new-submit') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(byTestId('folder-new-input')!, { target: { value: '行业动态' } })
    fireEvent.click(byTestId('folder-new-submit')!)

    await toasted('已有名为「行业动态」的收藏夹，请换一个名称')
    expect(allByTestId('folder-option')).toHaveLength(2)
  })
})

describe('the action bar', () => {
  it('shows the article’s counts to a signed-out reader and asks for nothing of theirs', async () => {
    memoryStorage()
    const log = serveArticle({ 'GET /articles/12/comments': () => commentPage([], { total: 6 }) })
    await renderPage()
    expect(text('.like-count')).toBe('42')
    expect(text('.favorite-count')).toBe('3')
    // the comment list’s total is fresher than the (cacheable) article
    expect(text('.comment-count')).toBe('6')
    expect(log.some((r) => r.url.endsWith('/me') || r.url.includes('/me/'))).toBe(false)
  })

  it('opens the sign-in sheet for 评论 and 收藏 when signed out in H5', async () => {
    memoryStorage()
    serveArticle()
    await renderPage()

    fireEvent.click(byTestId('action-collect')!)
    await waitFor(() => expect($('.login-sheet')).not.toBeNull())
    fireEvent.click(byTestId('sheet-close')!)
    fireEvent.click(byTestId('action-comment')!)
    await waitFor(() => expect($('.login-sheet')).not.toBeNull())
    expect(byTestId('composer-input')).toBeNull()
  })

  it('signs in silently in the mini-program, then opens the composer', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage()
    taroApi('login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' })
    serveArticle({
      'POST /auth/wechat': () => session(),
      'GET /articles/12/me': () => viewer({ comments: 5 }),
    })
    await renderPage()
    expect(taroApi('login')).not.toHaveBeenCalled()

    fireEvent.click(byTestId('action-comment')!)

    await waitFor(() => expect(byTestId('composer-input')).not.toBeNull())
    expect(taroApi('login')).toHaveBeenCalledTimes(1)
    expect($('.login-sheet')).toBeNull()
  })

  it('is one 前往小程序 line in single-page mode, and the comments’ actions show the hint without signing in', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
    memoryStorage()
    const log = serveArticle({ 'GET /articles/12/comments': () => commentPage([thread({ id: 70 })]) })
    await renderPage()

    // WeChat's own bar is at the bottom: no action bar of ours under it, one line saying where the actions are
    expect($('.action-bar')).toBeNull()
    for (const id of ['action-like', 'action-comment', 'action-collect', 'action-share'])
      expect(byTestId(id)).toBeNull()
    expect(allByTestId('open-app-hint')).toHaveLength(1)
    expect(byTestId('open-app-hint')!.textContent).toBe('点赞、评论和收藏，请点击底部「前往小程序」')

    fireEvent.click(byTestId('comment-write')!)
    fireEvent.click(byTestId('comment-like', commentItem(70))!)
    fireEvent.click(byTestId('comment-reply', commentItem(70))!)
    fireEvent.click(byTestId('comment-report', commentItem(70))!)

    await waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledTimes(4))
    for (const [options] of taroApi('showToast').mock.calls) expect(options).toMatchObject({ title: HINT })
    expect(taroApi('login')).not.toHaveBeenCalled()
    expect(taroApi('showModal')).not.toHaveBeenCalled()
    expect(taroApi('showActionSheet')).not.toHaveBeenCalled()
    expect(writes(log)).toHaveLength(0)
    expect(byTestId('composer-input')).toBeNull()
  })
})

describe('an expired session (401)', () => {
  const likes = (log: Req[]) => log.filter((r) => r.url === `${API}/articles/12/like`)

  it('signs in again silently in the mini-program, and the like lands with one tap', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    taroApi('login').mockResolvedValue({ code: 'wx-code-2', errMsg: 'login:ok' })
    const store = memoryStorage({ [SESSION_KEY]: session({ token: 'tok-old' }) })
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ liked: false, likes: 42 }),
      // the session ran out while the reader was reading
      'PUT /articles/12/like': (req) =>
        req.header.Authorization === 'Bearer tok-new'
          ? { liked: true, likes: 43 }
          : fail(401, 'UNAUTHORIZED', '登录已过期，请重新登录'),
      'POST /auth/wechat': () => session({ token: 'tok-new' }),
    })
    await renderPage()
    // my state came with the article page: no request of its own
    expect(log.some((r) => r.url.endsWith('/articles/12/me'))).toBe(false)

    fireEvent.click(byTestId('action-like')!)

    await waitFor(() => expect(text('.like-count')).toBe('43'))
    expect($('.like-button')!.classList.contains('like-button--active')).toBe(true)
    expect(likes(log).map((r) => r.header.Authorization)).toEqual(['Bearer tok-old', 'Bearer tok-new'])
    expect(taroApi('login')).toHaveBeenCalledTimes(1)
    expect(log.filter((r) => r.url.endsWith('/auth/wechat'))[0].data).toEqual({ code: 'wx-code-2' })
    expect(taroApi('showToast')).not.toHaveBeenCalled()
    expect((store.get(SESSION_KEY) as { token: string }).token).toBe('tok-new')
  })

  it('drops the session and says so in H5 (signing in is 我的’s), rolling the like back', async () => {
    const store = memoryStorage({ [SESSION_KEY]: session({ token: 'tok-old' }) })
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ liked: false, likes: 42 }),
      'PUT /articles/12/like': () => fail(401, 'UNAUTHORIZED', '登录已过期，请重新登录'),
    })
    await renderPage()

    fireEvent.click(byTestId('action-like')!)

    await toasted('登录已过期，请重新登录')
    expect(text('.like-count')).toBe('42')
    expect(likes(log)).toHaveLength(1)
    expect(store.has(SESSION_KEY)).toBe(false)
    expect(taroApi('login')).not.toHaveBeenCalled()
  })
})

describe('comments', () => {
  it('lists 精选 first with its badge, the author’s reply pinned, and 已注销用户', async () => {
    memoryStorage()
    serveArticle({
      'GET /articles/12/comments': () =>
        commentPage([
          thread({ id: 1, content: '普通评论' }),
          thread({
            id: 2,
            featured: true,
            content: '精选评论',
            authorReply: comment({
              id: 20,
              rootId: 2,
              content: '感谢关注',
              author: { userId: 3, name: '传感说编辑部', avatar: null, badge: 'author' },
            }),
          }),
          thread({ id: 3, author: { userId: null, name: '已注销用户', avatar: null, badge: 'deleted' } }),
        ]),
    })
    await renderPage()

    expect(allByTestId('comment-item').map((el) => el.getAttribute('data-id'))).toEqual(['2', '1', '3'])
    expect(text('.comment__badge--featured')).toBe('精选')
    const pinned = byTestId('reply-item', commentItem(2).parentElement!)!
    expect(pinned.textContent).toContain('感谢关注')
    expect($('.comment__badge--author', pinned)?.textContent).toBe('作者')
    expect($('.comment__name', commentItem(3))?.textContent).toBe('已注销用户')
    expect($('.comment__name--gone', commentItem(3))).not.toBeNull()
  })

  it('folds replies: the first few, then 共 N 条回复 · 展开 loads the rest', async () => {
    memoryStorage()
    const r = (id: number) => comment({ id, rootId: 5, content: `回复 ${id}` })
    const log = serveArticle({
      'GET /articles/12/comments': () =>
        commentPage([thread({ id: 5, replyCount: 5, replies: [r(51), r(52), r(53)] })], { total: 6 }),
      'GET /comments/5/replies': () => ({ items: [r(51), r(52), r(53), r(54), r(55)], nextCursor: null }),
    })
    await renderPage()
    const threadEl = commentItem(5).parentElement!
    expect(allByTestId('reply-item', threadEl)).toHaveLength(3)
    expect(text('[data-testid="replies-expand"]')).toBe('共 5 条回复 · 展开')

    fireEvent.click(byTestId('replies-expand')!)

    await waitFor(() => expect(allByTestId('reply-item', threadEl)).toHaveLength(5))
    const get = log.find((q) => q.url.includes('/comments/5/replies'))!
    expect(queryOf(get)).toEqual({ limit: '20' })
    expect(byTestId('replies-expand')).toBeNull()
    fireEvent.click(byTestId('replies-collapse')!)
    expect(allByTestId('reply-item', threadEl)).toHaveLength(3)
  })

  it('loads replies page by page while there are more', async () => {
    memoryStorage()
    const r = (id: number) => comment({ id, rootId: 5 })
    const log = serveArticle({
      'GET /articles/12/comments': () => commentPage([thread({ id: 5, replyCount: 4, replies: [r(51)] })]),
      'GET /comments/5/replies': (req) =>
        queryOf(req).cursor === 'c2'
          ? { items: [r(53), r(54)], nextCursor: null }
          : { items: [r(51), r(52)], nextCursor: 'c2' },
    })
    await renderPage()
    const threadEl = commentItem(5).parentElement!

    fireEvent.click(byTestId('replies-expand')!)
    await waitFor(() => expect(text('[data-testid="replies-expand"]')).toBe('展开更多回复'))
    fireEvent.click(byTestId('replies-expand')!)

    await waitFor(() => expect(allByTestId('reply-item', threadEl)).toHaveLength(4))
    expect(log.filter((q) => q.url.includes('/replies')).map((q) => queryOf(q).cursor)).toEqual([undefined, 'c2'])
  })

  it('marks my pending comments 审核中 and offers to delete, not report, my own', async () => {
    signedIn()
    serveArticle({
      'GET /articles/12/me': () => viewer(),
      'GET /articles/12/comments': () =>
        commentPage([thread({ id: 8, status: 'pending', mine: true }), thread({ id: 9 })]),
    })
    await renderPage()
    expect(byTestId('comment-pending', commentItem(8))?.textContent).toBe('审核中')
    expect(commentItem(8).getAttribute('data-status')).toBe('pending')
    expect(byTestId('comment-delete', commentItem(8))).not.toBeNull()
    expect(byTestId('comment-report', commentItem(8))).toBeNull()
    expect(byTestId('comment-pending', commentItem(9))).toBeNull()
    expect(byTestId('comment-report', commentItem(9))).not.toBeNull()
  })

  it('folds a long comment behind 展开', async () => {
    memoryStorage()
    serveArticle({
      'GET /articles/12/comments': () =>
        commentPage([thread({ id: 1, content: '长'.repeat(200) }), thread({ id: 2, content: '短评' })]),
    })
    await renderPage()
    expect($('.comment__content--folded', commentItem(1))).not.toBeNull()
    expect(byTestId('comment-unfold', commentItem(2))).toBeNull()

    fireEvent.click(byTestId('comment-unfold', commentItem(1))!)

    expect($('.comment__content--folded', commentItem(1))).toBeNull()
    expect(byTestId('comment-unfold', commentItem(1))?.textContent).toBe('收起')
  })

  describe('votes', () => {
    const likes = (id: number) => text(`[data-id="${id}"] .comment-like-count`)
    const dislikes = (id: number) => text(`[data-id="${id}"] .comment-dislike-count`)
    const on = (id: number, kind: 'like' | 'dislike') =>
      byTestId(`comment-${kind}`, commentItem(id))!.classList.contains('comment__vote--on')

    it('likes optimistically, switches to dislike (one or the other), then takes the vote back', async () => {
      signedIn()
      const put = deferred()
      const log = serveArticle({
        'GET /articles/12/me': () => viewer(),
        'GET /articles/12/comments': () => commentPage([thread({ id: 4, likes: 10, dislikes: 2 })]),
        'PUT /comments/4/vote': (req) =>
          req.data.vote === 'like'
            ? put.promise.then(() => ({ myVote: 'like', likes: 11, dislikes: 2 }))
            : { myVote: 'dislike', likes: 10, dislikes: 3 },
        'DELETE /comments/4/vote': () => ({ myVote: null, likes: 10, dislikes: 2 }),
      })
      await renderPage()

      fireEvent.click(byTestId('comment-like', commentItem(4))!)
      // before the API answers
      await waitFor(() => expect(likes(4)).toBe('11'))
      expect(on(4, 'like')).toBe(true)
      await act(async () => put.resolve(undefined))

      fireEvent.click(byTestId('comment-dislike', commentItem(4))!)
      await waitFor(() => expect(dislikes(4)).toBe('3'))
      expect(likes(4)).toBe('10')
      expect(on(4, 'dislike')).toBe(true)
      expect(on(4, 'like')).toBe(false)

      fireEvent.click(byTestId('comment-dislike', commentItem(4))!)
      await waitFor(() => expect(dislikes(4)).toBe('2'))
      expect(on(4, 'dislike')).toBe(false)

      expect(writes(log).map((r) => [r.method, r.url, r.data])).toEqual([
        ['PUT', `${API}/comments/4/vote`, { vote: 'like' }],
        ['PUT', `${API}/comments/4/vote`, { vote: 'dislike' }],
        ['DELETE', `${API}/comments/4/vote`, undefined],
      ])
    })

    it('votes on a reply too', async () => {
      signedIn()
      serveArticle({
        'GET /articles/12/me': () => viewer(),
        'GET /articles/12/comments': () =>
          commentPage([thread({ id: 4, replies: [comment({ id: 41, rootId: 4, likes: 1 })] })]),
        'PUT /comments/41/vote': () => ({ myVote: 'like', likes: 2, dislikes: 0 }),
      })
      await renderPage()
      fireEvent.click(byTestId('comment-like', commentItem(41))!)
      await waitFor(() => expect(likes(41)).toBe('2'))
      expect(on(41, 'like')).toBe(true)
    })

    it('rolls back a vote the API refuses', async () => {
      signedIn()
      serveArticle({
        'GET /articles/12/me': () => viewer(),
        'GET /articles/12/comments': () => commentPage([thread({ id: 4, likes: 10, dislikes: 2, myVote: 'dislike' })]),
        'PUT /comments/4/vote': () => fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试'),
      })
      await renderPage()

      fireEvent.click(byTestId('comment-like', commentItem(4))!)

      await toasted('操作太频繁，请稍后再试')
      expect(likes(4)).toBe('10')
      expect(dislikes(4)).toBe('2')
      expect(on(4, 'dislike')).toBe(true)
      expect(on(4, 'like')).toBe(false)
    })
  })

  it('starts from the article page’s answer when signed in: my state and votes, with no request of their own', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ liked: true, likes: 43, comments: 2 }),
      'GET /articles/12/comments': (req) =>
        commentPage(
          [
            thread({ id: 4, likes: 1, myVote: req.header.Authorization ? 'like' : null }),
            thread({ id: 5, status: 'pending', mine: true }),
          ],
          { total: 1 },
        ),
    })
    await renderPage()
    expect(log.map((r) => [r.method, r.url.replace(API, '')]).filter(([, url]) => url.startsWith('/articles'))).toEqual(
      [
        ['GET', '/articles/12/page'],
        ['POST', '/articles/12/read'],
      ],
    )
    expect(log[0].header.Authorization).toBe('Bearer tok-1')
    expect(byTestId('comment-like', commentItem(4))!.classList.contains('comment__vote--on')).toBe(true)
    expect(commentItem(5)).not.toBeNull()
    expect($('.like-button')!.classList.contains('like-button--active')).toBe(true)
    expect(text('.like-count')).toBe('43')
  })

  it('loads the comments again after a sign-in to show my votes, keeping them shown meanwhile', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage()
    taroApi('login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' })
    const mine = deferred()
    const log = serveArticle({
      'POST /auth/wechat': () => session(),
      'GET /articles/12/me': () => viewer(),
      'GET /articles/12/comments': (req) =>
        req.header.Authorization
          ? mine.promise.then(() => commentPage([thread({ id: 4, likes: 1, myVote: 'like' })]))
          : commentPage([thread({ id: 4, likes: 1 })]),
    })
    await renderPage()
    const liked = () => byTestId('comment-like', commentItem(4))!.classList.contains('comment__vote--on')
    expect(liked()).toBe(false)

    // the first page came with the article page (signed out)
    expect(log.filter((r) => r.url.includes('/articles/12/comments'))).toHaveLength(0)

    fireEvent.click(byTestId('action-comment')!)

    await waitFor(() => expect(log.filter((r) => r.url.includes('/articles/12/comments'))).toHaveLength(1))
    expect($('.skeleton', $('.comments')!)).toBeNull()
    expect(commentItem(4)).not.toBeNull()
    await act(async () => mine.resolve(undefined))
    await waitFor(() => expect(liked()).toBe(true))
  })

  it('switches between 最热 and 最新 and pages with 加载更多', async () => {
    memoryStorage()
    const log = serveArticle({
      'GET /articles/12/comments': (req) => {
        const q = queryOf(req)
        if (q.sort === 'newest') return commentPage([thread({ id: 30 })])
        return q.cursor === 'p2'
          ? commentPage([thread({ id: 22 })], { total: 2 })
          : commentPage([thread({ id: 21 })], { nextCursor: 'p2', total: 2 })
      },
    })
    await renderPage()
    // the first 最热 page came with the article page
    expect(log.filter((r) => r.url.includes('/comments'))).toHaveLength(0)
    expect(allByTestId('comment-item').map((el) => el.getAttribute('data-id'))).toEqual(['21'])

    fireEvent.click(byTestId('comments-more')!)
    await waitFor(() => expect(allByTestId('comment-item')).toHaveLength(2))
    expect(queryOf(log.find((r) => r.url.includes('/comments'))!)).toEqual({ sort: 'hot', limit: '10', cursor: 'p2' })
    expect(byTestId('comments-more')).toBeNull()
    expect(screen.getByText('没有更多了')).toBeTruthy()

    fireEvent.click(byTestId('comments-sort-newest')!)
    await waitFor(() => expect(allByTestId('comment-item').map((el) => el.getAttribute('data-id'))).toEqual(['30']))
    expect($('.comments__sort--active')?.textContent).toBe('最新')
  })

  it('shows the empty state, and an error with 重试', async () => {
    memoryStorage()
    let newest = 0
    serveArticle({
      'GET /articles/12/comments': (req) =>
        queryOf(req).sort === 'newest' && ++newest === 1
          ? fail(500, 'INTERNAL_ERROR', '服务器开小差了')
          : commentPage([]),
    })
    await renderPage()
    expect(byTestId('comments-empty')?.textContent).toBe('还没有评论，来抢沙发')

    // the first page came with the article; 最新 is asked for on its own, and fails once
    fireEvent.click(byTestId('comments-sort-newest')!)
    await waitFor(() => expect(byTestId('comments-retry')).not.toBeNull())
    expect($('.comments')?.textContent).toContain('服务器开小差了')

    fireEvent.click(byTestId('comments-retry')!)

    await waitFor(() => expect(byTestId('comments-empty')?.textContent).toBe('还没有评论，来抢沙发'))
  })

  it('shows a notice and no composer when comments are closed', async () => {
    signedIn()
    serveArticle({
      'GET /articles/12/me': () => viewer({ commentsClosed: true }),
      'GET /articles/12/comments': () => commentPage([thread({ id: 1 })], { closed: true }),
    })
    await renderPage()
    expect(byTestId('comments-closed')?.textContent).toBe('评论已关闭')
    expect(byTestId('comment-write')).toBeNull()

    fireEvent.click(byTestId('action-comment')!)

    await toasted('评论已关闭')
    expect(byTestId('composer-input')).toBeNull()
  })

  it('deletes my own comment after a confirmation', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ comments: 2 }),
      'GET /articles/12/comments': () => commentPage([thread({ id: 8, mine: true }), thread({ id: 9 })], { total: 2 }),
      'DELETE /comments/8': () => ({ ok: true }),
    })
    taroApi('showModal').mockResolvedValue({ confirm: true, cancel: false })
    await renderPage()

    fireEvent.click(byTestId('comment-delete', commentItem(8))!)

    await waitFor(() => expect(commentItem(8)).toBeNull())
    expect(taroApi('showModal')).toHaveBeenCalledWith(expect.objectContaining({ content: '确定删除这条评论吗？' }))
    expect(writes(log).map((r) => [r.method, r.url])).toEqual([['DELETE', `${API}/comments/8`]])
    expect(text('.comment-count')).toBe('1')
  })

  it('keeps my comment when the deletion is not confirmed', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer(),
      'GET /articles/12/comments': () => commentPage([thread({ id: 8, mine: true })]),
    })
    taroApi('showModal').mockResolvedValue({ confirm: false, cancel: true })
    await renderPage()
    fireEvent.click(byTestId('comment-delete', commentItem(8))!)
    await waitFor(() => expect(taroApi('showModal')).toHaveBeenCalled())
    expect(commentItem(8)).not.toBeNull()
    expect(writes(log)).toHaveLength(0)
  })

  it('reports a comment with the reason picked from the action sheet', async () => {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer(),
      'GET /articles/12/comments': () => commentPage([thread({ id: 9 })]),
      'POST /comments/9/report': () => ({ ok: true }),
    })
    taroApi('showActionSheet').mockResolvedValue({ tapIndex: 1, errMsg: 'showActionSheet:ok' })
    await renderPage()

    fireEvent.click(byTestId('comment-report', commentItem(9))!)

    await toasted('已举报，我们会尽快处理')
    expect(taroApi('showActionSheet').mock.calls[0][0].itemList).toEqual([
      '垃圾广告',
      '辱骂攻击',
      '色情低俗',
      '违法违规',
      '不实信息',
      '其他',
    ])
    expect(writes(log).map((r) => [r.url, r.data])).toEqual([[`${API}/comments/9/report`, { reason: 'abuse' }]])
  })
})

describe('the composer', () => {
  const input = () => byTestId('composer-input') as HTMLTextAreaElement
  const submit = () => byTestId('composer-submit') as HTMLButtonElement
  const type = (value: string) => fireEvent.change(input(), { target: { value } })

  async function openComposer(routes: Routes = {}) {
    signedIn()
    const log = serveArticle({
      'GET /articles/12/me': () => viewer({ comments: 5 }),
      'GET /articles/12/comments': () => commentPage([], { total: 5 }),
      ...routes,
    })
    await renderPage()
    await waitFor(() => expect(text('.comment-count')).toBe('5'))
    // the header says it once: 评论 5
    expect(text('.comments .section__title')).toBe('评论 5')
    fireEvent.click(byTestId('comment-write')!)
    await waitFor(() => expect(input()).not.toBeNull())
    // an icon-only ✕ still says what it does to a screen reader
    expect(byTestId('sheet-close')!.getAttribute('aria-label')).toBe('关闭')
    return log
  }

  it('counts up to 1000 characters and enables 发布 only with some text', async () => {
    await openComposer()
    expect(input().getAttribute('maxlength')).toBe('1000')
    expect(text('.composer__count')).toBe('0/1000')
    expect(submit().disabled).toBe(true)

    type('   ')
    expect(submit().disabled).toBe(true)
    type('好文')
    expect(text('.composer__count')).toBe('2/1000')
    expect(submit().disabled).toBe(false)
    type('字'.repeat(1005))
    expect(input().value).toHaveLength(1000)
    expect(text('.composer__count')).toBe('1000/1000')
    expect($('.composer__count--full')).not.toBeNull()
  })

  it('publishes a comment: it appears on top at once and the count goes up', async () => {
    const log = await openComposer({
      'GET /articles/12/comments': () => commentPage([thread({ id: 1 })], { total: 5 }),
      'POST /articles/12/comments': (req) => comment({ id: 77, content: req.data.content, mine: true }),
    })

    type('  写得很清楚  ')
    fireEvent.click(submit())

    await waitFor(() => expect(allByTestId('comment-item')[0].getAttribute('data-id')).toBe('77'))
    expect(writes(log).map((r) => r.data)).toEqual([{ content: '写得很清楚' }])
    expect(commentItem(77).textContent).toContain('写得很清楚')
    expect(byTestId('composer-input')).toBeNull()
    expect(text('.comment-count')).toBe('6')
    await toasted('发布成功')
  })

  it('marks a comment held for review 审核中 and leaves the count alone', async () => {
    await openComposer({
      'POST /articles/12/comments': (req) =>
        comment({ id: 78, content: req.data.content, status: 'pending', mine: true }),
    })
    type('需要审核的内容')
    fireEvent.click(submit())

    await waitFor(() => expect(byTestId('comment-pending', commentItem(78))).not.toBeNull())
    expect(text('.comment-count')).toBe('5')
    await toasted('已提交，审核通过后公开')
  })

  it('replies to a comment (回复 @name) under its thread', async () => {
    const log = await openComposer({
      'GET /articles/12/comments': () =>
        commentPage([thread({ id: 3, author: { userId: 60, name: '老张', avatar: null, badge: null } })], { total: 5 }),
      'POST /articles/12/comments': (req) =>
        comment({ id: 90, rootId: 3, content: req.data.content, replyTo: null, mine: true }),
    })
    fireEvent.click(byTestId('sheet-close')!)

    fireEvent.click(byTestId('comment-reply', commentItem(3))!)
    await waitFor(() => expect(input()).not.toBeNull())
    expect(text('.sheet__title')).toBe('回复 @老张')
    expect(input().getAttribute('placeholder')).toBe('回复 @老张')
    type('同意')
    fireEvent.click(submit())

    await waitFor(() => expect(byTestId('reply-item', commentItem(3).parentElement!)).not.toBeNull())
    expect(writes(log)[0].data).toEqual({ content: '同意', replyTo: 3 })
    expect(byTestId('reply-item', commentItem(3).parentElement!)?.getAttribute('data-id')).toBe('90')
  })

  it('shows a refusal (risky content, too many comments) and keeps the text', async () => {
    let n = 0
    await openComposer({
      'POST /articles/12/comments': () =>
        ++n === 1
          ? fail(422, 'CONTENT_RISKY', '评论包含不当内容，请修改后再发')
          : fail(429, 'RATE_LIMITED', '评论太频繁，请稍后再试'),
    })
    type('违规内容')
    fireEvent.click(submit())
    await toasted('评论包含不当内容，请修改后再发')
    expect(input().value).toBe('违规内容')
    expect(allByTestId('comment-item')).toHaveLength(0)

    fireEvent.click(submit())
    await toasted('评论太频繁，请稍后再试')
    expect(input().value).toBe('违规内容')
  })

  it('keeps a draft when the sheet is closed and opened again', async () => {
    await openComposer()
    type('写了一半')
    fireEvent.click(byTestId('sheet-close')!)
    expect(byTestId('composer-input')).toBeNull()
    fireEvent.click(byTestId('action-comment')!)
    await waitFor(() => expect(input()?.value).toBe('写了一半'))
  })
})

it('keeps the like request’s answer over a viewer state fetched meanwhile', async () => {
  // signed out in the mini-program: the tap signs in, which also asks for the viewer's state
  taroApi('getEnv').mockReturnValue('WEAPP')
  memoryStorage()
  taroApi('login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' })
  const like = deferred()
  let liked = false
  const log = serveArticle({
    'POST /auth/wechat': () => session(),
    'GET /articles/12/me': () => viewer({ liked, likes: liked ? 43 : 42, folderIds: [2] }),
    'PUT /articles/12/like': () =>
      like.promise.then(() => {
        liked = true
        return { liked: true, likes: 43 }
      }),
  })
  await renderPage()

  fireEvent.click(byTestId('action-like')!)
  await waitFor(() => expect(text('.like-count')).toBe('43'))
  // the state asked after signing in answers (not liked yet) while the like is still on its way: not shown
  await waitFor(() => expect(log.filter((r) => r.url.endsWith('/articles/12/me')).length).toBeGreaterThan(0))
  await act(async () => undefined)
  expect(text('.like-count')).toBe('43')
  expect($('.like-button--active')).not.toBeNull()
  expect($('.collect-button--active')).toBeNull()
  await act(async () => like.resolve(undefined))

  // the viewer's state asked while the like ran is asked again afterwards: folders known, like kept
  await waitFor(() => expect($('.collect-button--active')).not.toBeNull())
  expect(text('.like-count')).toBe('43')
  expect($('.like-button--active')).not.toBeNull()
})
