import type { z } from 'zod'
import { ArticleDetail, ArticleParams, FeedPage, FeedQuery } from './articles'
import { Health } from './health'
import { paths, type HttpMethod, type RouteName } from './paths'

/** Every API route, once: the server registers and documents these; the client calls them. */
export interface RouteContract {
  method: HttpMethod
  /** Path under the API prefix, with `:param` placeholders. */
  path: string
  summary: string
  tag: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
  /** HTTP status of a success; 200 unless set (201 for POST). */
  status?: number
}

export const routes = {
  health: {
    ...paths.health,
    summary: 'Liveness and database check',
    tag: 'system',
    response: Health,
  },
  feed: {
    ...paths.feed,
    summary: 'The article feed, newest first, keyset-paginated',
    tag: 'content',
    query: FeedQuery,
    response: FeedPage,
  },
  article: {
    ...paths.article,
    summary: 'One published article',
    tag: 'content',
    params: ArticleParams,
    response: ArticleDetail,
  },
} as const satisfies Record<RouteName, RouteContract>

export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>
