import { WechatErrcode, WechatError } from './wechat.errors'

/** One request to WeChat. Used only by WechatClient and its token store. */
export interface WechatRequest {
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string>
  json?: unknown
}

export type WechatJson = Record<string, unknown>

export type WechatReply = { kind: 'json'; body: WechatJson } | { kind: 'binary'; body: Buffer; contentType: string }

/**
 * Sends a request and reads WeChat's reply. Network failures, timeouts and non-2xx statuses become WechatError −1
 * (the same "try later" as WeChat's own "system busy"); a JSON body with a non-zero errcode becomes WechatError.
 * Errors name the path only: the query carries the secret or the access token.
 */
export async function wechatRequest(baseUrl: string, timeoutMs: number, req: WechatRequest): Promise<WechatReply> {
  const url = `${baseUrl.replace(/\/+$/, '')}${req.path}${req.query ? `?${new URLSearchParams(req.query)}` : ''}`
  let res: Response
  let bytes: Buffer
  try {
    res = await fetch(url, {
      method: req.method,
      headers: req.json === undefined ? undefined : { 'content-type': 'application/json' },
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      signal: AbortSignal.timeout(timeoutMs),
    })
    bytes = Buffer.from(await res.arrayBuffer())
  } catch (e) {
    const reason = e instanceof Error && e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : errorText(e)
    throw new WechatError(WechatErrcode.BUSY, `network: ${reason}`, req.path, !neverSent(e))
  }
  if (!res.ok) throw new WechatError(WechatErrcode.BUSY, `HTTP ${res.status}`, req.path)

  const contentType = res.headers.get('content-type') ?? ''
  // Image endpoints answer bytes on success and JSON on failure; some WeChat errors come as text/plain JSON.
  if (!contentType.includes('json') && !looksLikeJson(bytes)) return { kind: 'binary', body: bytes, contentType }

  let body: unknown
  try {
    body = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new WechatError(WechatErrcode.BUSY, 'unreadable reply', req.path)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WechatError(WechatErrcode.BUSY, 'unexpected reply', req.path)
  }
  const json = body as WechatJson
  const errcode = typeof json.errcode === 'number' ? json.errcode : 0
  if (errcode !== 0) throw new WechatError(errcode, typeof json.errmsg === 'string' ? json.errmsg : '', req.path)
  return { kind: 'json', body: json }
}

export function expectJson(reply: WechatReply, path: string): WechatJson {
  if (reply.kind !== 'json') throw new WechatError(WechatErrcode.BUSY, 'expected JSON, got bytes', path)
  return reply.body
}

/** Reads a string field WeChat promises, or fails as a malformed reply. */
export function requireString(body: WechatJson, field: string, path: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') throw new WechatError(WechatErrcode.BUSY, `reply lacks ${field}`, path)
  return value
}

function looksLikeJson(bytes: Buffer): boolean {
  return bytes.length > 0 && bytes[0] === 0x7b // "{"
}

/** Connection failures that prove the request never left: nothing can have been carried out. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function neverSent(e: unknown): boolean {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined
  return typeof cause?.code === 'string' && NEVER_SENT.has(cause.code)
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e)
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : ''
  return `${e.message}${cause}`
}
