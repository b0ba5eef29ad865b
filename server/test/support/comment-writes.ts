import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ArticlePageView, CommentPage, CommentView, DELETED_USER_NAME } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Comment } from '../../src/comments/comment.entity'
import { renderAvatar } from '../../src/demo/cover-art'
import { RedisConnections } from '../../src/infra/redis'
import { RateLimitService } from '../../src/rate-limit/rate-limit.service'
import { freshWorld } from './content-world'
import { GENEROUS_LIMITS, request, roles, type Agent } from './test-app'

type Roles = Awaited<ReturnType<typeof roles>>

/** What a case's write and checks work with: the roles (calling the writing process) and the seeded comments. */
export interface WriteContext {
  as: Roles
  articleId: number
  /** A top-level comment by 读者乙, and 读者甲's reply to it. */
  root: CommentView
  reply: CommentView
  /** Whatever the case's setup made. */
  extra: CommentView | null
}

/** The readers each case reads the list as (through the reading process); none has a pending or hidden comment. */
export const READERS = ['anonymous', 'reader', 'otherReader'] as const
type ReaderName = (typeof READERS)[number]

/** The list as one reader sees it, or the status when it is refused. */
export type Seen = { status: number; page: CommentPage | null }

/**
 * A write that changes what an article's comment list shows: `write` does it through the API (as the writing
 * process's roles), `after` checks what each reader sees once it is done.
 */
export interface CommentPageWrite {
  name: string
  setup?: (c: WriteContext) => Promise<CommentView | null>
  write: (c: WriteContext) => Promise<void>
  after: (seen: Seen, who: ReaderName, c: WriteContext) => void
}

const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200) => {
  const r = await res
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`)
  return r.body
}
const thread = (seen: Seen, id: number) => seen.page!.items.find((t) => t.id === id)
const post = (who: Agent, articleId: number, content: string, replyTo?: number) =>
  ok(who.call('POST', `/api/articles/${articleId}/comments`, replyTo ? { content, replyTo } : { content }), 201).then(
    (b) => CommentView.parse(b),
  )
const myVoteOn = (seen: Seen, id: number) => thread(seen, id)!.myVote

const PNG = renderAvatar('comment-pages', 48)
function avatarUpload(token: string): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----comment-pages-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`
  return {
    body: Buffer.concat([Buffer.from(head), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
  }
}

/** Every write that changes a comment page (a report changes nothing a page shows: see CommentReactions.report). */
export const COMMENT_PAGE_WRITES: CommentPageWrite[] = [
  {
    name: 'a published comment',
    write: async (c) => void (await post(c.as.otherReader, c.articleId, '新的评论')),
    after: (seen) => {
      expect(seen.page!.items.map((t) => t.content)).toContain('新的评论')
      expect(seen.page!.total).toBe(4)
    },
  },
  {
    name: 'a published reply',
    write: async (c) => void (await post(c.as.otherReader, c.articleId, '新的回复', c.reply.id)),
    after: (seen, _who, c) => {
      expect(thread(seen, c.root.id)!.replies.map((r) => r.content)).toEqual([c.reply.content, '新的回复'])
      expect(thread(seen, c.root.id)!.replyCount).toBe(2)
    },
  },
  {
    name: 'a pending comment (only its writer sees it)',
    write: async (c) => void (await post(c.as.reader, c.articleId, '需要资料的加薇信')),
    after: (seen, who) => {
      const pending = seen.page!.items.filter((t) => t.status === 'pending')
      expect(pending.map((t) => [t.content, t.mine])).toEqual(who === 'reader' ? [['需要资料的加薇信', true]] : [])
      expect(seen.page!.total).toBe(3)
    },
  },
  {
    name: 'deleting my own reply',
    write: async (c) => void (await ok(c.as.reader.call('DELETE', `/api/comments/${c.reply.id}`))),
    after: (seen, _who, c) => {
      expect(thread(seen, c.root.id)!.replies).toEqual([])
      expect(seen.page!.total).toBe(2)
    },
  },
  {
    name: 'a like',
    write: async (c) => void (await ok(c.as.reader.call('PUT', `/api/comments/${c.root.id}/vote`, { vote: 'like' }))),
    after: (seen, who, c) => {
      expect(thread(seen, c.root.id)).toMatchObject({ likes: 1, dislikes: 0 })
      expect(myVoteOn(seen, c.root.id)).toBe(who === 'reader' ? 'like' : null)
    },
  },
  {
    name: 'a dislike',
    write: async (c) =>
      void (await ok(c.as.otherReader.call('PUT', `/api/comments/${c.root.id}/vote`, { vote: 'dislike' }))),
    after: (seen, who, c) => {
      expect(thread(seen, c.root.id)).toMatchObject({ likes: 0, dislikes: 1 })
      expect(myVoteOn(seen, c.root.id)).toBe(who === 'otherReader' ? 'dislike' : null)
    },
  },
  {
    name: 'taking a vote back',
    setup: async (c) => {
      await ok(c.as.reader.call('PUT', `/api/comments/${c.root.id}/vote`, { vote: 'like' }))
      return null
    },
    write: async (c) => void (await ok(c.as.reader.call('DELETE', `/api/comments/${c.root.id}/vote`))),
    after: (seen, _who, c) => {
      expect(thread(seen, c.root.id)).toMatchObject({ likes: 0, myVote: null })
    },
  },
  {
    name: 'an editor hiding a reply',
    write: async (c) => void (await ok(c.as.editor.call('POST', `/api/editor/comments/${c.reply.id}/hide`))),
    after: (seen, _who, c) => expect(thread(seen, c.root.id)!.replies).toEqual([]),
  },
  {
    name: 'an editor approving a pending comment',
    setup: (c) => post(c.as.author, c.articleId, '需要资料的加薇信'),
    write: async (c) => void (await ok(c.as.editor.call('POST', `/api/editor/comments/${c.extra!.id}/restore`))),
    after: (seen, _who, c) => expect(thread(seen, c.extra!.id)).toMatchObject({ status: 'published' }),
  },
  {
    name: 'an editor featuring a comment',
    write: async (c) =>
      void (await ok(c.as.editor.call('PUT', `/api/editor/comments/${c.root.id}/featured`, { featured: true }))),
    after: (seen, _who, c) => expect(thread(seen, c.root.id)!.featured).toBe(true),
  },
  {
    name: 'an editor unfeaturing a comment',
    setup: async (c) => {
      await ok(c.as.editor.call('PUT', `/api/editor/comments/${c.root.id}/featured`, { featured: true }))
      return null
    },
    write: async (c) =>
      void (await ok(c.as.editor.call('PUT', `/api/editor/comments/${c.root.id}/featured`, { featured: false }))),
    after: (seen, _who, c) => expect(thread(seen, c.root.id)!.featured).toBe(false),
  },
  {
    name: 'an author reply',
    write: async (c) =>
      void (await ok(
        c.as.editor.call('POST', `/api/editor/comments/${c.root.id}/author-reply`, { content: '作者答' }),
        201,
      )),
    after: (seen, _who, c) =>
      expect(thread(seen, c.root.id)!.authorReply).toMatchObject({ content: '作者答', author: { badge: 'author' } }),
  },
  {
    name: 'closing comments on the article',
    write: async (c) =>
      void (await ok(c.as.editor.call('PUT', `/api/editor/articles/${c.articleId}/comments`, { closed: true }))),
    after: (seen) => expect(seen.page!.closed).toBe(true),
  },
  {
    name: 'opening comments on the article',
    setup: async (c) => {
      await ok(c.as.editor.call('PUT', `/api/editor/articles/${c.articleId}/comments`, { closed: true }))
      return null
    },
    write: async (c) =>
      void (await ok(c.as.editor.call('PUT', `/api/editor/articles/${c.articleId}/comments`, { closed: false }))),
    after: (seen) => expect(seen.page!.closed).toBe(false),
  },
  {
    name: 'archiving the article',
    write: async (c) => void (await ok(c.as.editor.call('POST', `/api/editor/articles/${c.articleId}/archive`))),
    after: (seen) => expect(seen.status).toBe(404),
  },
  {
    name: 'a nickname change',
    write: async (c) => void (await ok(c.as.otherReader.call('PATCH', '/api/me', { nickname: '改名的读者乙' }))),
    after: (seen, _who, c) => expect(thread(seen, c.root.id)!.author.name).toBe('改名的读者乙'),
  },
  {
    name: 'an avatar change',
    write: async (c) => {
      const { body, headers } = avatarUpload(c.as.otherReader.token!)
      await ok(
        request(
          (c.as.otherReader as Agent & { app: NestFastifyApplication }).app,
          'POST',
          '/api/me/avatar',
          body,
          headers,
        ),
      )
    },
    after: (seen, _who, c) =>
      expect(thread(seen, c.root.id)!.author.avatar).toMatch(/^\/media\/user-avatars\/\d+-[0-9a-f]{32}\.png$/),
  },
  {
    name: 'an account deletion',
    write: async (c) => void (await ok(c.as.otherReader.call('DELETE', '/api/me', { confirm: true }))),
    after: (seen, _who, c) =>
      expect(thread(seen, c.root.id)!.author).toMatchObject({ name: DELETED_USER_NAME, badge: 'deleted' }),
  },
]

/** The same agent calling another process (sessions live in the shared database). */
function through(app: NestFastifyApplication, agent: Agent): Agent & { app: NestFastifyApplication } {
  return {
    ...agent,
    app,
    call: (method, url, payload) =>
      request(app, method, url, payload, agent.token ? { authorization: `Bearer ${agent.token}` } : {}),
  }
}

/**
 * Until every message published so far on the content channel has reached the reading process: a scoped message of
 * its own goes last (Redis delivers a channel's messages to a subscriber in the order it took them).
 */
async function settled(reading: NestFastifyApplication): Promise<void> {
  const sub = reading.get(RedisConnections).subscriberConnection()
  if (!sub) return
  const scope = `barrier:${randomUUID()}`
  const arrived = new Promise<void>((resolve) => {
    const seen = (_channel: string, message: string) => {
      if (!message.includes(scope)) return
      sub.off('message', seen)
      resolve()
    }
    sub.on('message', seen)
  })
  await reading.get(RedisConnections).client!.publish('chuangan:content-changed', JSON.stringify({ scopes: [scope] }))
  await arrived
}

/**
 * Runs one write: the readers read the list and the article page through `reading` (so both are cached there), a comment's text is changed
 * behind the cache's back (the next reads still show the cached text: proof they are cached), then the write goes
 * through `writing`; afterwards every reader's next read shows the write, and the text changed behind the cache.
 */
export async function expectPagesForgotten(
  writing: NestFastifyApplication,
  reading: NestFastifyApplication,
  write: CommentPageWrite,
): Promise<void> {
  const world = await freshWorld(writing)
  writing.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
  const writers = await roles(writing)
  const as = Object.fromEntries(Object.entries(writers).map(([k, a]) => [k, through(writing, a)])) as unknown as Roles
  const articleId = world.published[0].id
  const root = await post(as.otherReader, articleId, '讲得清楚')
  const reply = await post(as.reader, articleId, '同意', root.id)
  const marker = await post(as.author, articleId, '标记')
  const c: WriteContext = { as, articleId, root, reply, extra: null }
  c.extra = (await write.setup?.(c)) ?? null
  await settled(reading)

  // The list as the comment route answers it, checked against the article page route's first comment page (the
  // same threads: fewer than a page here) and its viewer part (the same counts), so a write shows on both.
  const read = async (who: ReaderName): Promise<Seen> => {
    const agent = through(reading, writers[who])
    const res = await agent.call('GET', `/api/articles/${articleId}/comments?sort=hot`)
    const seen = { status: res.status, page: res.status === 200 ? CommentPage.parse(res.body) : null }
    const pageRes = await agent.call('GET', `/api/articles/${articleId}/page`)
    expect([who, pageRes.status]).toEqual([who, res.status])
    if (seen.page) {
      const view = ArticlePageView.parse(pageRes.body)
      expect([who, view.comments]).toEqual([who, seen.page])
      if (who === 'anonymous') expect(view.viewer).toBeNull()
      if (view.viewer) {
        const { comments, commentsClosed } = view.viewer
        expect([who, comments, commentsClosed]).toEqual([who, seen.page.total, seen.page.closed])
      }
    }
    return seen
  }
  const markerText = (seen: Seen) => seen.page?.items.find((t) => t.id === marker.id)?.content
  for (const who of READERS) expect(markerText(await read(who))).toBe('标记')
  await writing.get(DataSource).getRepository(Comment).update({ id: marker.id }, { content: '缓存外改过' })
  for (const who of READERS) expect([who, markerText(await read(who))]).toEqual([who, '标记'])

  await write.write(c)
  await settled(reading)
  for (const who of READERS) {
    const seen = await read(who)
    if (seen.status === 200) expect([who, markerText(seen)]).toEqual([who, '缓存外改过'])
    write.after(seen, who, c)
  }
}
