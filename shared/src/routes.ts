import type { z } from 'zod'
import { ApiError } from './errors'
import { ArticleDetail, ArticleParams, FeedPage, FeedQuery } from './articles'
import { Health } from './health'

/** Every API route, once: the server registers these paths and documents them; the client calls them. */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path under the API prefix, with `:param` placeholders. */
  path: string
  summary: string
  tag: string
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
  /** HTTP status of a success; 200 unless set. */
  status?: number
}

export const API_PREFIX = '/api'

export const routes = {
  health: {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness and database check',
    tag: 'system',
    response: Health,
  },
  feed: {
    method: 'GET',
    path: '/articles',
    summary: 'The article feed, newest first, keyset-paginated',
    tag: 'content',
    query: FeedQuery,
    response: FeedPage,
  },
  article: {
    method: 'GET',
    path: '/articles/:id',
    summary: 'One published article',
    tag: 'content',
    params: ArticleParams,
    response: ArticleDetail,
  },
} as const satisfies Record<string, RouteContract>

export type RouteName = keyof typeof routes
export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>

/** Fills `:param` placeholders; throws when one is missing so a bad call never reaches the network. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}

export const errorResponse = ApiError
