import { useCallback, useEffect, useRef, useState } from 'react'
import type { AuthorRef, ConversationView, MessageView } from '@chuangan/shared'
import { ContentErrors, hasCode } from '@chuangan/shared/errors'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { signInFirst } from '@/auth/signIn'
import { PAGE_SIZE } from '@/hooks/usePagedList'

/** A bubble on screen: a message the server has, or one of mine still on its way (or failed: tap to retry). */
export type Bubble =
  | { key: string; local: false; message: MessageView }
  | { key: string; local: true; content: string; state: 'sending' | 'failed'; error: string | null }

export type Head =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; author: AuthorRef; conversation: ConversationView | null }

export interface Conversation {
  head: Head
  bubbles: Bubble[]
  /** Older messages wait on the server (scroll up, or tap 查看更早的消息). */
  hasOlder: boolean
  loadingOlder: boolean
  /** The bubble to keep in view after a change (the newest after a send, the old top after loading older). */
  anchor: string | null
  reload: () => Promise<void>
  loadOlder: () => Promise<void>
  send: (content: string) => Promise<void>
  retry: (key: string) => Promise<void>
  setBlocked: (blocked: boolean) => Promise<void>
}

const byId = (a: MessageView, b: MessageView) => a.id - b.id

/** Puts `page` among `shown`, by id, oldest first. */
function merge(shown: MessageView[], page: MessageView[]): MessageView[] {
  const all = new Map(shown.map((m) => [m.id, m]))
  for (const m of page) all.set(m.id, m)
  return [...all.values()].sort(byId)
}

let localKeys = 0

/**
 * My conversation with one author. Signed out, it shows the author only (from the public author card); a send signs
 * in first (the page's sign-in sheet in H5), then goes on. `userId` is the signed-in user's id, or null.
 */
export function useConversation(authorId: number | null, userId: number | null): Conversation {
  const [head, setHead] = useState<Head>({ status: 'loading' })
  const [messages, setMessages] = useState<MessageView[]>([])
  const [locals, setLocals] = useState<Array<Extract<Bubble, { local: true }>>>([])
  const [older, setOlder] = useState<string | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)
  const [anchor, setAnchor] = useState<string | null>(null)
  const conversationId = useRef<number | null>(null)
  const generation = useRef(0)
  const shown = useRef(messages)
  useEffect(() => {
    shown.current = messages
  })

  const markRead = useCallback((id: number, page: MessageView[]) => {
    if (page.some((m) => !m.mine)) void call('readConversation', { params: { id } }).catch(() => undefined)
  }, [])

  const load = useCallback(async () => {
    if (authorId === null) {
      setHead({ status: 'not-found' })
      return
    }
    const gen = ++generation.current
    try {
      if (userId === null) {
        const author = await call('author', { params: { id: authorId } })
        if (gen !== generation.current) return
        conversationId.current = null
        setMessages([])
        setOlder(null)
        setHead({ status: 'ready', author, conversation: null })
        return
      }
      const { author, conversation } = await call('authorConversation', { params: { id: authorId } })
      const page = conversation
        ? await call('conversationMessages', { params: { id: conversation.id }, query: { limit: PAGE_SIZE } })
        : { items: [], nextCursor: null }
      if (gen !== generation.current) return
      conversationId.current = conversation?.id ?? null
      const first = merge([], page.items)
      setMessages(first)
      setOlder(page.nextCursor)
      setHead({ status: 'ready', author, conversation })
      if (first.length) setAnchor(`bubble-${first[first.length - 1].id}`)
      if (conversation && conversation.unread > 0) markRead(conversation.id, page.items)
    } catch (error) {
      if (gen !== generation.current) return
      setHead(hasCode(error, ContentErrors.AUTHOR_NOT_FOUND) ? { status: 'not-found' } : { status: 'error', error })
    }
  }, [authorId, userId, markRead])

  useEffect(() => {
    setHead({ status: 'loading' })
    void load()
  }, [load])

  /** The newest page again, merged with what is shown (a reply that came meanwhile). */
  const refresh = useCallback(async () => {
    const id = conversationId.current
    if (id === null) return load()
    try {
      const page = await call('conversationMessages', { params: { id }, query: { limit: PAGE_SIZE } })
      const before = shown.current
      const next = merge(before, page.items)
      const newest = next[next.length - 1]
      setMessages(next)
      if (newest && newest.id !== before[before.length - 1]?.id) setAnchor(`bubble-${newest.id}`)
      markRead(id, page.items)
    } catch {
      // the shown messages stay; the next refresh tries again
    }
  }, [load, markRead])

  const loadOlder = useCallback(async () => {
    const id = conversationId.current
    if (id === null || !older || loadingOlder) return
    setLoadingOlder(true)
    try {
      const page = await call('conversationMessages', { params: { id }, query: { limit: PAGE_SIZE, cursor: older } })
      // keep the message that was on top in view
      const top = shown.current[0]
      setMessages((all) => merge(all, page.items))
      if (top) setAnchor(`bubble-${top.id}`)
      setOlder(page.nextCursor)
    } catch (error) {
      showErrorToast(error)
    } finally {
      setLoadingOlder(false)
    }
  }, [older, loadingOlder])

  const deliver = useCallback(
    async (key: string, content: string) => {
      if (authorId === null) return
      setLocals((all) => all.map((b) => (b.key === key ? { ...b, state: 'sending', error: null } : b)))
      setAnchor(key)
      try {
        const sent = await call('sendMessage', { params: { id: authorId }, body: { content } })
        const first = conversationId.current === null
        conversationId.current = sent.conversationId
        setLocals((all) => all.filter((b) => b.key !== key))
        setMessages((all) => merge(all, [sent.message]))
        setAnchor(`bubble-${sent.message.id}`)
        if (first) void refresh()
      } catch (error) {
        setLocals((all) => all.map((b) => (b.key === key ? { ...b, state: 'failed', error: errorMessage(error) } : b)))
        showErrorToast(error)
      }
    },
    [authorId, refresh],
  )

  const send = useCallback(
    async (content: string) => {
      try {
        await signInFirst()
      } catch (error) {
        showErrorToast(error)
        return
      }
      const key = `local-${++localKeys}`
      setLocals((all) => [...all, { key, local: true, content, state: 'sending', error: null }])
      await deliver(key, content)
    },
    [deliver],
  )

  const retry = useCallback(
    async (key: string) => {
      const bubble = locals.find((b) => b.key === key)
      if (!bubble || bubble.state !== 'failed') return
      await deliver(key, bubble.content)
    },
    [locals, deliver],
  )

  const setBlocked = useCallback(async (blocked: boolean) => {
    const id = conversationId.current
    if (id === null) return
    try {
      const conversation = await call(blocked ? 'blockAuthor' : 'unblockAuthor', { params: { id } })
      setHead((h) => (h.status === 'ready' ? { ...h, conversation } : h))
    } catch (error) {
      showErrorToast(error)
    }
  }, [])

  const bubbles: Bubble[] = [
    ...messages.map((message) => ({ key: `bubble-${message.id}`, local: false as const, message })),
    ...locals,
  ]
  return {
    head,
    bubbles,
    hasOlder: older !== null,
    loadingOlder,
    anchor,
    reload: refresh,
    loadOlder,
    send,
    retry,
    setBlocked,
  }
}
