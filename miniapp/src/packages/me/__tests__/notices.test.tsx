import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { NoticeView } from '@chuangan/shared'
import { memoryStorage, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { API, SESSION_KEY, fail, serveApi, session } from '../../../../test/api'
import NoticesPage from '../notices'

const allByTestId = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`))
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`)
const UNREAD = (total: number) => ({
  total,
  byKind: {
    article: total,
    issue: 0,
    reply: 0,
    comment_like: 0,
    editor_reply: 0,
    inquiry: 0,
    inquiry_answer: 0,
    saved_search: 0,
    demand: 0,
    demand_answer: 0,
  },
})

const notice = (id: number, extra: Partial<NoticeView>): NoticeView => ({
  id,
  kind: 'article',
  read: false,
  at: new Date().toISOString(),
  count: 1,
  actor: null,
  article: { id: 40 + id, title: `文章${id}` },
  issue: null,
  comment: null,
  inquiry: null,
  savedSearch: null,
  demand: null,
  ...extra,
})

const NOTICES: NoticeView[] = [
  notice(1, { article: { id: 41, title: '新品：MEMS 麦克风' } }),
  notice(2, {
    kind: 'comment_like',
    count: 3,
    actor: { userId: 9, name: '老王', avatar: null },
    comment: { id: 77, rootId: 70, excerpt: '写得好', gone: false },
  }),
  notice(3, {
    kind: 'issue',
    read: true,
    article: null,
    issue: { id: 5, number: 2, title: '第二期', periodical: { id: 8, name: '传感月刊' } },
  }),
]

beforeEach(() => {
  memoryStorage({ [SESSION_KEY]: session() })
})

describe('消息 (notices)', () => {
  async function renderNotices(routes: Parameters<typeof serveApi>[0] = {}) {
    const log = serveApi({
      'GET /me/notices': () => ({ items: NOTICES, nextCursor: null }),
      'GET /me/notices/unread': () => UNREAD(2),
      ...routes,
    })
    render(<NoticesPage />)
    await waitFor(() => expect(allByTestId('notice')).toHaveLength(3))
    return log
  }

  it('lists notices with unread dots and what each says', async () => {
    await renderNotices()
    const rows = allByTestId('notice')
    expect(rows.map((r) => r.getAttribute('data-read'))).toEqual(['0', '0', '1'])
    expect(allByTestId('notice-dot')).toHaveLength(2)
    expect(rows[0].textContent).toContain('新品：MEMS 麦克风')
    expect(rows[1].textContent).toContain('老王 等 3 人赞了你的评论')
    expect(rows[1].textContent).toContain('写得好')
    expect(rows[2].textContent).toContain('传感月刊 第 2 期：第二期')
    expect(screen.getByText('今天')).toBeTruthy()
  })

  it('opens a notice at its target, marks it read and updates the badge', async () => {
    const log = await renderNotices({ 'POST /me/notices/2/read': () => UNREAD(1) })
    fireEvent.click(allByTestId('notice')[1])
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/article/index?id=42&comment=70' })
    await waitFor(() => expect(taroApi('setTabBarBadge')).toHaveBeenCalledWith({ index: 2, text: '1' }))
    expect(log.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([`${API}/me/notices/2/read`])
    expect(allByTestId('notice')[1].getAttribute('data-read')).toBe('1')

    // a read one opens without asking the API again
    fireEvent.click(allByTestId('notice')[2])
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({ url: '/packages/content/periodical/index?id=8' })
    expect(log.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('全部已读 marks every notice read and removes the badge', async () => {
    await renderNotices({ 'POST /me/notices/read-all': () => UNREAD(0) })
    fireEvent.click(byTestId('notices-read-all')!)
    await waitFor(() => expect(allByTestId('notice-dot')).toHaveLength(0))
    expect(taroApi('removeTabBarBadge')).toHaveBeenCalledWith({ index: 2 })
  })

  it('reloads on pull-down and pages on reaching the bottom', async () => {
    let pages = 0
    const log = await renderNotices({
      'GET /me/notices': (req) => {
        pages++
        return req.url.includes('cursor=c1')
          ? { items: [notice(4, { read: true })], nextCursor: null }
          : { items: NOTICES, nextCursor: 'c1' }
      },
    })
    await act(async () => triggerPageHook('useReachBottom'))
    await waitFor(() => expect(allByTestId('notice')).toHaveLength(4))
    await act(async () => triggerPageHook('usePullDownRefresh'))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(pages).toBe(3)
    expect(log.some((r) => r.url.endsWith('/me/notices/unread'))).toBe(true)
  })

  it('shows an empty state, and an error with 重试', async () => {
    serveApi({ 'GET /me/notices': () => ({ items: [], nextCursor: null }) })
    const { unmount } = render(<NoticesPage />)
    expect(await screen.findByText('暂无消息')).toBeTruthy()
    unmount()

    let calls = 0
    serveApi({
      'GET /me/notices': () =>
        ++calls === 1 ? fail(500, 'INTERNAL', '服务开小差了') : { items: NOTICES, nextCursor: null },
    })
    render(<NoticesPage />)
    expect(await screen.findByText('加载失败')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(allByTestId('notice')).toHaveLength(3))
  })

  it('asks a signed-out reader to sign in, without calling the API', () => {
    memoryStorage()
    const log = serveApi({})
    render(<NoticesPage />)
    expect(screen.getByText('请先登录')).toBeTruthy()
    expect(log).toHaveLength(0)
  })
})
