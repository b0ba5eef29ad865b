import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { AuthorRef, ConversationView, MessageView } from '@chuangan/shared'
import { memoryStorage, setRouterParams, taroApi } from '../../../../../test/mocks/taro'
import { API, type Req, SESSION_KEY, fail, queryOf, serveApi, session } from '../../../../../test/api'
import ConversationPage from '../index'

const AUTHOR: AuthorRef = { id: 3, slug: 'bianjibu', name: '传感说编辑部', avatar: null, verified: true }

function message(id: number, content: string, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id,
    conversationId: 40,
    sender: 'reader',
    mine: true,
    content,
    status: 'published',
    createdAt: '2026-12-01T08:00:00.000Z',
    ...overrides,
  }
}

function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return { id: 40, author: AUTHOR, lastMessage: null, unread: 0, blocked: false, ...overrides }
}

const bubbles = () => Array.from(document.querySelectorAll('[data-testid="bubble"]'))
const texts = () => bubbles().map((b) => b.querySelector('.bubble__text')!.textContent)
const states = () => bubbles().map((b) => b.getAttribute('data-state'))
const posts = (log: Req[]) => log.filter((r) => r.method === 'POST').map((r) => [r.url, r.data])

async function type(content: string) {
  fireEvent.change(document.querySelector('[data-testid="dm-input"]')!, { target: { value: content } })
  await act(async () => {
    fireEvent.click(document.querySelector('[data-testid="dm-send"]')!)
  })
}

/** A tap on a bubble (a failed one sends again). */
async function tap(element: Element) {
  await act(async () => {
    fireEvent.click(element)
  })
}

beforeEach(() => {
  setRouterParams({ authorId: '3' })
})

describe('私信 (conversation page)', () => {
  it('shows the messages oldest first and marks the conversation read', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    const log = serveApi({
      'GET /authors/3/conversation': () => ({ author: AUTHOR, conversation: conversation({ unread: 1 }) }),
      'GET /me/conversations/40/messages': () => ({
        items: [message(2, '用查表法补偿', { sender: 'author', mine: false }), message(1, '请问温漂怎么补偿？')],
        nextCursor: null,
      }),
      'POST /me/conversations/40/read': () => ({ unread: 0 }),
    })
    render(<ConversationPage />)
    await waitFor(() => expect(texts()).toEqual(['请问温漂怎么补偿？', '用查表法补偿']))
    expect(bubbles()[0].className).toContain('bubble-row--mine')
    expect(bubbles()[1].className).not.toContain('bubble-row--mine')
    await waitFor(() => expect(posts(log)).toEqual([[`${API}/me/conversations/40/read`, undefined]]))
    expect(taroApi('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '私信 · 传感说编辑部' })
  })

  it('shows my message at once, then marks it failed; a tap sends it again', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    let attempts = 0
    let answer: (value: unknown) => void = () => undefined
    const log = serveApi({
      'GET /authors/3/conversation': () => ({ author: AUTHOR, conversation: null }),
      'POST /authors/3/messages': (req) => {
        attempts++
        if (attempts === 1) return new Promise((resolve) => (answer = resolve))
        return { conversationId: 40, message: message(9, req.data.content) }
      },
      'GET /me/conversations/40/messages': () => ({ items: [message(9, '在吗？')], nextCursor: null }),
    })
    render(<ConversationPage />)
    expect(await screen.findByTestId('dm-empty')).toBeTruthy()

    await type('在吗？')
    // the bubble shows before the server answers, and the box is empty again
    await waitFor(() => expect(states()).toEqual(['sending']))
    expect(texts()).toEqual(['在吗？'])
    expect((document.querySelector('[data-testid="dm-input"]') as HTMLInputElement).value).toBe('')

    answer(fail(500, 'INTERNAL', '服务器开小差了'))
    await waitFor(() => expect(states()).toEqual(['failed']))
    expect(bubbles()[0].textContent).toContain('发送失败，点击重试')
    expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '服务器开小差了' }))

    await tap(bubbles()[0])
    await waitFor(() => expect(states()).toEqual(['published']))
    expect(texts()).toEqual(['在吗？'])
    expect(posts(log)).toEqual([
      [`${API}/authors/3/messages`, { content: '在吗？' }],
      [`${API}/authors/3/messages`, { content: '在吗？' }],
    ])
  })

  it('keeps a failed message failed when the retry fails too, and says 审核中 for a held one', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    let refuse = true
    serveApi({
      'GET /authors/3/conversation': () => ({ author: AUTHOR, conversation: conversation() }),
      'GET /me/conversations/40/messages': () => ({ items: [message(1, '你好')], nextCursor: null }),
      'POST /authors/3/messages': (req) =>
        refuse
          ? fail(403, 'MESSAGE_BLOCKED', '对方已设置不接收你的私信')
          : { conversationId: 40, message: message(5, req.data.content, { status: 'pending' }) },
    })
    render(<ConversationPage />)
    await waitFor(() => expect(texts()).toEqual(['你好']))

    await type('加我薇信')
    await waitFor(() => expect(states()).toEqual(['published', 'failed']))
    await tap(bubbles()[1])
    await waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledTimes(2))
    expect(states()).toEqual(['published', 'failed'])

    refuse = false
    await tap(bubbles()[1])
    await waitFor(() => expect(states()).toEqual(['published', 'pending']))
    expect(screen.getByTestId('bubble-pending').textContent).toBe('审核中')
  })

  it('loads older messages above, keeping the order', async () => {
    memoryStorage({ [SESSION_KEY]: session() })
    const log = serveApi({
      'GET /authors/3/conversation': () => ({ author: AUTHOR, conversation: conversation() }),
      'GET /me/conversations/40/messages': (req) =>
        queryOf(req).cursor === 'older'
          ? { items: [message(2, '二'), message(1, '一')], nextCursor: null }
          : { items: [message(4, '四'), message(3, '三')], nextCursor: 'older' },
    })
    render(<ConversationPage />)
    await waitFor(() => expect(texts()).toEqual(['三', '四']))
    await tap(screen.getByTestId('dm-older'))
    await waitFor(() => expect(texts()).toEqual(['一', '二', '三', '四']))
    expect(screen.queryByTestId('dm-older')).toBeNull()
    expect(log.filter((r) => r.url.includes('cursor=older'))).toHaveLength(1)
  })

  it('shows the author to a signed-out reader and asks to sign in before sending', async () => {
    memoryStorage({})
    const log = serveApi({
      'GET /authors/3': () => ({ ...AUTHOR, bio: '', articleCount: 1, columns: [] }),
    })
    render(<ConversationPage />)
    expect(await screen.findByText('还没有私信')).toBeTruthy()
    expect(screen.getAllByText('登录后即可给作者发私信').length).toBeGreaterThan(0)
    await type('你好')
    await waitFor(() => expect(document.querySelector('.login-sheet')).not.toBeNull())
    expect(bubbles()).toHaveLength(0)
    expect(posts(log)).toEqual([])
  })

  it('shows the hint instead of signing in or sending in single-page mode (Moments)', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
    memoryStorage({})
    const log = serveApi({
      'GET /authors/3': () => ({ ...AUTHOR, bio: '', articleCount: 1, columns: [] }),
    })
    render(<ConversationPage />)
    expect(await screen.findByText('还没有私信')).toBeTruthy()
    await type('你好')
    expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '请前往小程序查看完整内容' }))
    expect(taroApi('login')).not.toHaveBeenCalled()
    expect(bubbles()).toHaveLength(0)
    expect(posts(log)).toEqual([])
  })
})
