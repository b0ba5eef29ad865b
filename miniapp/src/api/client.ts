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

export function queryString(query: Record<string, unknown> = {}): string {
  const pairs = Object.entries(query)
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

/**
 * Calls one route of the shared contract and resolves with its typed response. Sends the session token when
 * signed in; a 401 to it means the session is gone (expired or logged out elsewhere), so it is dropped.
 */
export async function call<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<ResponseOf<N>> {
  const token = sessionToken()
  let res: { statusCode: number; data: unknown }
  try {
    res = await Taro.request({
      url: urlFor(name, options),
      method: paths[name].method,
      data: options.body,
      header: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.header,
      },
      dataType: 'json',
    })
  } catch {
    throw networkError()
  }
  return settle<N>(res, token)
}

const networkError = () => new ApiRequestError({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE })

/** The body of a 2xx answer; otherwise the error shape (a 401 to a signed-in call drops the session). */
function settle<N extends RouteName>(res: { statusCode: number; data: unknown }, token: string | null): ResponseOf<N> {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as ResponseOf<N>
  if (res.statusCode === 401 && token) clearSession(token)
  throw new ApiRequestError(toApiError(res.statusCode, res.data))
}

/** The multipart field the upload routes read (routes.ts: `upload.field`). */
export const UPLOAD_FIELD = 'file'

/**
 * Uploads a local file (a chooseAvatar or chooseImage temporary path) to an upload route as the multipart field
 * `file`, with the session token; answers like `call` (uploadFile hands the body over as text: it is parsed here).
 */
export async function upload<N extends RouteName>(
  name: N,
  filePath: string,
  options: Pick<CallOptions<N>, 'params'> = {},
): Promise<ResponseOf<N>> {
  const token = sessionToken()
  let res: { statusCode: number; data: unknown }
  try {
    res = await Taro.uploadFile({
      url: urlFor(name, options),
      filePath,
      name: UPLOAD_FIELD,
      header: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    })
  } catch {
    throw networkError()
  }
  let data: unknown = res.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data)
    } catch {
      // not JSON: settle() falls back to a generic message for a failed status
    }
  }
  return settle<N>({ statusCode: res.statusCode, data }, token)
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
