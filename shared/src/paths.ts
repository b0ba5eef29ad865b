/**
 * Method and path of every API route, with no schemas: the mini-program imports this module alone
 * (`@chuangan/shared/paths`) so that zod stays out of its main package. `routes.ts` adds the schemas.
 */
export const API_PREFIX = '/api'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export const paths = {
  health: { method: 'GET', path: '/healthz' },
  feed: { method: 'GET', path: '/articles' },
  article: { method: 'GET', path: '/articles/:id' },
} as const satisfies Record<string, { method: HttpMethod; path: string }>

export type RouteName = keyof typeof paths

/** Fills `:param` placeholders; throws when one is missing so a bad call never reaches the network. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}
