import { API_PREFIX, ErrorCode, genericErrors, routes, type RouteContract, type RouteName } from '@chuangan/shared'

/** Codes any request can meet on its way in or on a fault, whatever the route. */
const ANY_ROUTE: string[] = [
  ErrorCode.MalformedJson,
  ErrorCode.PayloadTooLarge,
  ErrorCode.UnsupportedMediaType,
  ErrorCode.Internal,
]

const table = (Object.entries(routes) as [RouteName, RouteContract][])
  .map(([name, route]) => ({
    name,
    route,
    method: route.method,
    pattern: new RegExp(`^${API_PREFIX}${route.path.replace(/:[A-Za-z]\w*/g, '[^/]+')}$`),
    params: (route.path.match(/:/g) ?? []).length,
  }))
  // a static segment wins over a parameter (GET /tags/hot is hotTags, not tag), as in the router
  .sort((a, b) => a.params - b.params)

/** The codes a route may answer: its declared errors, the generic ones its shape implies, and the ANY_ROUTE ones. */
export function allowedCodes(route: RouteContract): Set<string> {
  return new Set([...(route.errors ?? []).map((e) => e.code), ...genericErrors(route).map((g) => g.code), ...ANY_ROUTE])
}

/**
 * Fails when a route of the contract answers an error code it does not declare (routes.ts `errors`, or implied by
 * its shape): every API test thereby checks the route table's error lists against what the server really does.
 */
export function assertDeclaredCode(method: string, url: string, status: number, body: unknown): void {
  if (status < 400) return
  const code = (body as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return
  const path = url.split('?')[0]
  const match = table.find((r) => r.method === method && r.pattern.test(path))
  if (!match || allowedCodes(match.route).has(code)) return
  throw new Error(`${method} ${path} (${match.name}) answered ${status} ${code}, which the route does not declare`)
}
