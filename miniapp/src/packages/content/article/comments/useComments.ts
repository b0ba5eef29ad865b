import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommentPage, CommentThread, CommentView, CommentVoteKind } from '@chuangan/shared'
import { COMMENT_PAGE_SIZE, FIRST_REPLIES } from '@chuangan/shared/limits'
import { call, showErrorToast } from '@/api/client'
import { useSession } from '@/auth/session'
import { type PageFields, type PagedList, usePagedList } from '@/hooks/usePagedList'

export type CommentSort = 'hot' | 'newest'

/** Replies per 展开. */
export const REPLY_PAGE_SIZE = 20

/**
 * A thread as shown: its replies are the first few the list brought until 展开 loads them all from `replies`.
 * `repliesCursor`: undefined while folded, a cursor while more can be loaded, null once all are shown.
 */
export interface Thread extends CommentThread {
  repliesCursor?: string | null
  repliesLoading?: boolean
}

/** The threads in pages (`items`), with the page's total and closed as `fields`. */
export interface Comments extends PagedList<Thread, PageFields<CommentPage>> {
  sort: CommentSort
  /** Editors closed comments on this article: the list stays, writing is refused. */
  closed: boolean
  setSort: (sort: CommentSort) => void
  expandReplies: (threadId: number) => Promise<void>
  collapseReplies: (threadId: number) => void
  /** The composer's answer: a new comment on top, a reply under its thread (pending ones too: they are mine). */
  add: (comment: CommentView) => void
  vote: (comment: CommentView, kind: CommentVoteKind) => Promise<void>
  remove: (comment: CommentView) => Promise<void>
}

/** Featured threads first (the API already sends them first; a later page never repeats a shown thread). */
function merge(shown: Thread[], page: CommentThread[]): Thread[] {
  const seen = new Set(shown.map((t) => t.id))
  const next = [...shown, ...page.filter((t) => !seen.has(t.id))]
  return [...next.filter((t) => t.featured), ...next.filter((t) => !t.featured)]
}

/** Applies `change` to the comment with this id wherever it sits: a thread, its author reply or a reply. */
function mapComment(threads: Thread[], id: number, change: (c: CommentView) => CommentView): Thread[] {
  return threads.map((t) => {
    const self = t.id === id ? { ...t, ...change(t) } : t
    const authorReply = t.authorReply?.id === id ? change(t.authorReply) : t.authorReply
    const replies = t.replies.some((r) => r.id === id) ? t.replies.map((r) => (r.id === id ? change(r) : r)) : t.replies
    return self === t && authorReply === t.authorReply && replies === t.replies ? t : { ...self, authorReply, replies }
  })
}

function findComment(threads: Thread[], id: number): CommentView | undefined {
  for (const t of threads) {
    if (t.id === id) return t
    if (t.authorReply?.id === id) return t.authorReply
    const reply = t.replies.find((r) => r.id === id)
    if (reply) return reply
  }
  return undefined
}

const counted = (c: CommentView) => (c.status === 'published' ? 1 : 0)

/** The first 最热 page as the article page route brought it, and whom it was made for (null: signed out). */
export interface FirstComments {
  page: CommentPage
  userId: number | null
}

/**
 * The article's comments: 最热 / 最新, 加载更多, folded replies, and the reader's own changes (new comments,
 * votes, deletions) applied in place. Loads without signing in; after a sign-in it loads again to show my votes.
 * Starts from `first` (the article page's answer) when it was made for the reader signed in now.
 */
export function useComments(articleId: number, onPage?: (page: CommentPage) => void, first?: FirstComments): Comments {
  const [sort, setSortState] = useState<CommentSort>('hot')
  const userId = useSession()?.user.id ?? null
  const [initial] = useState(() =>
    first && first.userId === userId ? { key: `${articleId}:hot`, page: first.page } : undefined,
  )
  const list = usePagedList<Thread, CommentPage>(
    `${articleId}:${sort}`,
    (cursor) => call('comments', { params: { id: articleId }, query: { sort, limit: COMMENT_PAGE_SIZE, cursor } }),
    { merge, onFirstPage: onPage, initial },
  )
  // async handlers act on the list as it is by then, not as their render saw it
  const latest = useRef(list)
  useEffect(() => {
    latest.current = list
  })
  // bumped when the list starts over: replies still loading for the old one are dropped
  const epoch = useRef(0)
  const voting = useRef(new Set<number>())

  const { reload: reloadList } = list
  const reload = useCallback(() => {
    epoch.current++
    return reloadList()
  }, [reloadList])

  // again when the reader signs in or out (my votes, my pending comments)
  const loadedFor = useRef(userId)
  useEffect(() => {
    if (loadedFor.current === userId) return
    loadedFor.current = userId
    void reload()
  }, [userId, reload])

  const setSort = useCallback(
    (next: CommentSort) => {
      if (next === sort) return
      epoch.current++
      setSortState(next)
    },
    [sort],
  )

  const update = useCallback((change: (threads: Thread[]) => Thread[]) => latest.current.update(change), [])
  const patchThread = useCallback(
    (id: number, change: (t: Thread) => Thread) =>
      update((threads) => threads.map((t) => (t.id === id ? change(t) : t))),
    [update],
  )

  const expandReplies = useCallback(
    async (threadId: number) => {
      const thread = latest.current.items.find((t) => t.id === threadId)
      if (!thread || thread.repliesLoading || thread.repliesCursor === null) return
      const at = epoch.current
      patchThread(threadId, (t) => ({ ...t, repliesLoading: true }))
      try {
        const page = await call('replies', {
          params: { id: threadId },
          query: { limit: REPLY_PAGE_SIZE, cursor: thread.repliesCursor },
        })
        if (at !== epoch.current) return
        patchThread(threadId, (t) => {
          // the first 展开 replaces the preview; replies of mine not in the page (just written) stay at the end
          const shown = t.repliesCursor === undefined ? [] : t.replies
          const loaded = [...shown, ...page.items.filter((r) => !shown.some((s) => s.id === r.id))]
          const extra = t.replies.filter((r) => !loaded.some((l) => l.id === r.id))
          return { ...t, replies: [...loaded, ...extra], repliesCursor: page.nextCursor, repliesLoading: false }
        })
      } catch (error) {
        if (at !== epoch.current) return
        patchThread(threadId, (t) => ({ ...t, repliesLoading: false }))
        showErrorToast(error)
      }
    },
    [patchThread],
  )

  const collapseReplies = useCallback(
    (threadId: number) =>
      patchThread(threadId, (t) => ({ ...t, replies: t.replies.slice(0, FIRST_REPLIES), repliesCursor: undefined })),
    [patchThread],
  )

  const add = useCallback(
    (comment: CommentView) =>
      update((threads) =>
        comment.rootId === null
          ? [{ ...comment, replyCount: 0, authorReply: null, replies: [] }, ...threads]
          : threads.map((t) =>
              t.id === comment.rootId
                ? { ...t, replies: [...t.replies, comment], replyCount: t.replyCount + counted(comment) }
                : t,
            ),
      ),
    [update],
  )

  const vote = useCallback(
    async (comment: CommentView, kind: CommentVoteKind) => {
      const before = findComment(latest.current.items, comment.id)
      if (!before || voting.current.has(comment.id)) return
      voting.current.add(comment.id)
      const next = before.myVote === kind ? null : kind
      const restore = { myVote: before.myVote, likes: before.likes, dislikes: before.dislikes }
      const apply = (v: typeof restore) => update((threads) => mapComment(threads, comment.id, (c) => ({ ...c, ...v })))
      // one or the other: switching moves the vote from one count to the other
      apply({
        myVote: next,
        likes: Math.max(0, before.likes - (before.myVote === 'like' ? 1 : 0) + (next === 'like' ? 1 : 0)),
        dislikes: Math.max(0, before.dislikes - (before.myVote === 'dislike' ? 1 : 0) + (next === 'dislike' ? 1 : 0)),
      })
      try {
        const params = { id: comment.id }
        apply(
          next ? await call('voteComment', { params, body: { vote: next } }) : await call('unvoteComment', { params }),
        )
      } catch (error) {
        apply(restore)
        showErrorToast(error)
      } finally {
        voting.current.delete(comment.id)
      }
    },
    [update],
  )

  const remove = useCallback(
    async (comment: CommentView) => {
      await call('deleteComment', { params: { id: comment.id } })
      update((threads) => {
        if (comment.rootId === null) {
          const thread = threads.find((t) => t.id === comment.id)
          // a comment with replies stays as 该评论已删除 so its replies keep their place
          return thread && thread.replyCount > 0
            ? mapComment(threads, comment.id, (c) => ({ ...c, status: 'deleted', content: '' }))
            : threads.filter((t) => t.id !== comment.id)
        }
        return threads.map((t) =>
          t.id === comment.rootId || t.authorReply?.id === comment.id
            ? {
                ...t,
                authorReply: t.authorReply?.id === comment.id ? null : t.authorReply,
                replies: t.replies.filter((r) => r.id !== comment.id),
                replyCount: Math.max(0, t.replyCount - counted(comment)),
              }
            : t,
        )
      })
    },
    [update],
  )

  return {
    ...list,
    sort,
    closed: list.fields?.closed ?? false,
    reload,
    setSort,
    expandReplies,
    collapseReplies,
    add,
    vote,
    remove,
  }
}
