// A scripted API behind the Taro.request double: each test lists the routes it expects, answers come back as
// Taro.request results, and anything unexpected fails loudly (a rejected request naming the call).
import type { CommentThread, CommentView, FolderView, ViewerState } from '@chuangan/shared'
import { taroApi } from './mocks/taro'
import { ok } from './fixtures'

export const API = 'http://api.test/api'

export interface Req {
  url: string
  method: string
  data?: any
  header: Record<string, string>
}

/** An error answer in the API's one shape. */
export class Reply {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
  ) {}
}

export const fail = (statusCode: number, code: string, message: string) =>
  new Reply(statusCode, { statusCode, code, message })

type Handler = (req: Req, match: RegExpMatchArray) => unknown

/** `'GET /articles/12/comments'` (a regular expression source after the method, anchored to the API base). */
export type Routes = Record<string, Handler>

/** Serves `routes`; returns the list of requests made, in order. */
export function serveApi(routes: Routes): Req[] {
  const log: Req[] = []
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, path] = key.split(' ')
    return { method, pattern: new RegExp(`^${API.replace(/\./g, '\\.')}${path}(\\?.*)?$`), handler }
  })
  const NONE = Symbol('no route')
  const answer = async (req: Req): Promise<unknown> => {
    for (const route of table) {
      const match = req.method === route.method ? req.url.match(route.pattern) : null
      if (match) return route.handler(req, match)
    }
    return NONE
  }
  const sub = async (req: Req, path: string, otherwise?: () => unknown): Promise<unknown> => {
    const url = `${API}${path}`
    const result = await answer({ ...req, url })
    if (result !== NONE) return result
    if (otherwise) return otherwise()
    throw new Error(`unexpected GET ${url} (for ${req.url})`)
  }
  /**
   * The article page route, unless the test serves it itself: composed from the test's separate routes as the server
   * composes it (the article, the caller's state when signed in, else null, and the first 最热 page of 10); the first
   * error answer among them is the answer. A signed-in caller's state is `viewer()` when the test serves none.
   */
  const articlePage = async (req: Req, id: string): Promise<unknown> => {
    const article = await sub(req, `/articles/${id}`)
    if (article instanceof Reply) return article
    const state = req.header.Authorization ? await sub(req, `/articles/${id}/me`, () => viewer()) : null
    if (state instanceof Reply) return state
    const comments = await sub(req, `/articles/${id}/comments?sort=hot&limit=10`)
    if (comments instanceof Reply) return comments
    return { article, viewer: state, comments }
  }
  taroApi('request').mockImplementation(async (req: Req) => {
    log.push(req)
    let result = await answer(req)
    const page = req.method === 'GET' ? req.url.match(ARTICLE_PAGE) : null
    if (result === NONE && page) result = await articlePage(req, page[1])
    if (result === NONE) throw new Error(`unexpected ${req.method} ${req.url}`)
    return result instanceof Reply ? ok(result.body, result.statusCode) : ok(result)
  })
  return log
}

const ARTICLE_PAGE = new RegExp(`^${API.replace(/\./g, '\\.')}/articles/(\\d+)/page$`)

/** The query of a logged request as an object. */
export function queryOf(req: Req): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries())
}

export const SESSION_KEY = 'chuangan.session'
/** The signed-in reader's share code in `session()`. */
export const SHARE_CODE = 'k3J9x2Qa'

export function session(
  overrides: Partial<{ token: string; nickname: string; avatarUrl: string | null; shareCode: string }> = {},
) {
  return {
    token: overrides.token ?? 'tok-1',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: {
      id: 7,
      nickname: overrides.nickname ?? '',
      avatarUrl: overrides.avatarUrl ?? null,
      role: 'reader',
      shareCode: overrides.shareCode ?? SHARE_CODE,
    },
  }
}

export function viewer(overrides: Partial<ViewerState> = {}): ViewerState {
  return { liked: false, likes: 42, folderIds: [], favorites: 3, comments: 0, commentsClosed: false, ...overrides }
}

let nextId = 1000
export function comment(overrides: Partial<CommentView> = {}): CommentView {
  const id = overrides.id ?? nextId++
  return {
    id,
    articleId: 12,
    rootId: null,
    replyTo: null,
    author: { userId: 50 + (id % 10), name: `读者${id}`, avatar: null, badge: null },
    content: `评论内容 ${id}`,
    status: 'published',
    featured: false,
    likes: 0,
    dislikes: 0,
    myVote: null,
    mine: false,
    createdAt: new Date(Date.now() - 3600_000).toISOString(),
    ...overrides,
  }
}

export function thread(overrides: Partial<CommentThread> = {}): CommentThread {
  const { replyCount, authorReply, replies, ...rest } = overrides
  return {
    ...comment(rest),
    replyCount: replyCount ?? replies?.length ?? 0,
    authorReply: authorReply ?? null,
    replies: replies ?? [],
  }
}

export function commentPage(
  items: CommentThread[],
  overrides: { nextCursor?: string | null; total?: number; closed?: boolean } = {},
) {
  return {
    items,
    nextCursor: overrides.nextCursor ?? null,
    total: overrides.total ?? items.length,
    closed: overrides.closed ?? false,
  }
}

export function folder(id: number, name: string, overrides: Partial<FolderView> = {}): FolderView {
  return { id, name, count: 0, isDefault: false, createdAt: '2026-11-01T00:00:00.000Z', ...overrides }
}
