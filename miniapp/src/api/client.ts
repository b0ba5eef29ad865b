import Taro from '@tarojs/taro'
import type { ApiError, ResponseOf, RouteName, routes } from '@chuangan/shared'
// Only the zod-free part of the contract at run time; schemas are used for types alone.
import { buildPath, paths } from '@chuangan/shared/paths'
import { clearSession, sessionToken } from '@/auth/token'

type Route<N extends RouteName> = (typeof routes)[N]
// zod's own definition of z.input / z.output, spelled out so the client needs no zod import of its own
type InputOf<S> = S extends { _zod: { input: infer I } } ? I : never
type OutputOf<S> = S extends { _zod: { output: infer O } } ? O : never

/** What a call may send, typed by the route's schemas; path params go in as strings or numbers. */
export interface CallOptions<N extends RouteName> {
  params?: Route<N> extends { params: infer S } ? { [K in keyof OutputOf<S>]: string | number } : never
  query?: Route<N> extends { query: infer S } ? InputOf<S> : never
  body?: Route<N> extends { body: infer S } ? InputOf<S> : never
  /** Extra request headers (e.g. X-Reader-Id); `Authorization` is added when signed in. */
  header?: Record<string, string>
}

/** A failed call, carrying the API's one error shape (network failures included, as NETWORK_ERROR). */
export class ApiRequestError extends Error implements ApiError {
  readonly statusCode: number
  readonly code: string
  readonly details?: ApiError['details']

  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiRequestError'
    this.statusCode = error.statusCode
    this.code = error.code
    this.details = error.details
  }
}

export const NETWORK_ERROR_MESSAGE = '网络不给力，请检查网络后重试'

/** A query string; an array is sent as the key repeated (`enum=a&enum=b`), as the API reads repeatable filters. */
export function queryString(query: Record<string, unknown> = {}): string {
  const pairs = Object.entries(query)
    .flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((v: unknown) => [key, v] as const) : [[key, value] as const],
    )
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

export function urlFor<N extends RouteName>(name: N, options: CallOptions<N> = {}): string {
  const path = buildPath(paths[name].path, options.params as Record<string, string | number> | undefined)
  return `${API_BASE}${path}${queryString(options.query as Record<string, unknown> | undefined)}`
}

function toApiError(statusCode: number, data: unknown): ApiError {
  const body = (typeof data === 'object' && data !== null ? data : {}) as Partial<ApiError>
  return {
    statusCode,
    code: typeof body.code === 'string' ? body.code : 'HTTP_ERROR',
    message: typeof body.message === 'string' ? body.message : `请求失败（${statusCode}）`,
    details: Array.isArray(body.details) ? body.details : undefined,
  }
}

type Answer = { statusCode: number; data: unknown }

/** Gets a new session's token after a 401 (the mini-program signs in again silently); null when it cannot. */
export type SessionRenewal = () => Promise<string | null>

let renewal: SessionRenewal | null = null

/** Set by auth/session.ts (which signs in through `call`, hence no import the other way). */
export function renewSessionWith(renew: SessionRenewal | null): void {
  renewal = renew
}

/** Routes that never sign in again on a 401: signing in and out, and deleting the account. */
const NO_RENEWAL: readonly RouteName[] = ['wechatLogin', 'devLogin', 'logout', 'deleteAccount']

/**
 * Sends with the session token when signed in. A 401 to it means the session is gone (expired, or logged out
 * elsewhere): it is dropped and, where a new one can be had without the reader (`renewSessionWith`), the request
 * is sent once more with it; otherwise the 401 is thrown.
 */
async function sendSigned<N extends RouteName>(name: N, send: (token: string | null) => Promise<Answer>) {
  const token = sessionToken()
  const res = await send(token)
  if (res.statusCode !== 401 || !token) return settle<N>(res)
  clearSession(token)
  if (!renewal || NO_RENEWAL.includes(name)) return settle<N>(res)
  let renewed: string | null
  try {
    renewed = await renewal()
  } catch (error) {
    // signing in failed: its own message says more than the 401
    if (error instanceof ApiRequestError) throw error
    return settle<N>(res)
  }
  if (!renewed) return settle<N>(res)
  const again = await send(renewed)
  if (again.statusCode === 401) clearSession(renewed)
  return settle<N>(again)
}

const bearer = (token: string | null): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {})

/** Calls one route of the shared contract and resolves with its typed response (see sendSigned for a 401). */
export function call<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<ResponseOf<N>> {
  return sendSigned(name, async (token) => {
    try {
      return await Taro.request({
        url: urlFor(name, options),
        method: paths[name].method,
        data: options.body,
        header: { Accept: 'application/json', ...bearer(token), ...options.header },
        dataType: 'json',
      })
    } catch {
      throw networkError()
    }
  })
}

const networkError = () => new ApiRequestError({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE })

/** The body of a 2xx answer; otherwise the error shape. */
function settle<N extends RouteName>(res: Answer): ResponseOf<N> {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as ResponseOf<N>
  throw new ApiRequestError(toApiError(res.statusCode, res.data))
}

/** The multipart field the upload routes read (routes.ts: `upload.field`). */
export const UPLOAD_FIELD = 'file'

/**
 * Uploads a local file (a chooseAvatar or chooseImage temporary path) to an upload route as the multipart field
 * `file`, with the session token; answers like `call` (uploadFile hands the body over as text: it is parsed here).
 */
export function upload<N extends RouteName>(
  name: N,
  filePath: string,
  options: Pick<CallOptions<N>, 'params'> = {},
): Promise<ResponseOf<N>> {
  return sendSigned(name, async (token) => {
    let res: Answer
    try {
      res = await Taro.uploadFile({
        url: urlFor(name, options),
        filePath,
        name: UPLOAD_FIELD,
        header: { Accept: 'application/json', ...bearer(token) },
      })
    } catch {
      throw networkError()
    }
    if (typeof res.data !== 'string') return res
    try {
      return { statusCode: res.statusCode, data: JSON.parse(res.data) as unknown }
    } catch {
      // not JSON: settle() falls back to a generic message for a failed status
      return res
    }
  })
}

/** Code of an action the user called off (closed the sign-in sheet, cancelled a picker): nothing to report. */
export const CANCELLED = 'CANCELLED'

export function cancelled(): ApiRequestError {
  return new ApiRequestError({ statusCode: 0, code: CANCELLED, message: '已取消' })
}

export function isCancelled(error: unknown): boolean {
  return error instanceof ApiRequestError && error.code === CANCELLED
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message
  return '出了点问题，请稍后重试'
}

/** Toasts the error's message; a cancelled action shows nothing. */
export function showErrorToast(error: unknown): void {
  if (isCancelled(error)) return
  void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 })
}
