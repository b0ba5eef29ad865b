import http from 'node:http'
import https from 'node:https'
import { WechatErrcode, WechatError } from './wechat.errors'

// Kept-alive connections: a worker sends thousands of subscribe messages a second, and node:http with an agent costs
// a fraction of fetch's per-request work (web streams, abort signals).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
}

class TimeoutError extends Error {}

function send(
  url: URL,
  req: WechatRequest,
  timeoutMs: number,
): Promise<{ status: number; contentType: string; bytes: Buffer }> {
  const body = req.json === undefined ? undefined : Buffer.from(JSON.stringify(req.json))
  const lib = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = lib.request(
      url,
      {
        method: req.method,
        agent: agents[url.protocol as keyof typeof agents],
        headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            bytes: Buffer.concat(chunks),
          }),
        )
      },
    )
    request.setTimeout(timeoutMs, () => request.destroy(new TimeoutError()))
    request.on('error', reject)
    request.end(body)
  })
}

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
  const url = new URL(
    `${baseUrl.replace(/\/+$/, '')}${req.path}${req.query ? `?${new URLSearchParams(req.query)}` : ''}`,
  )
  let res: { status: number; contentType: string; bytes: Buffer }
  try {
    res = await send(url, req, timeoutMs)
  } catch (e) {
    const reason = e instanceof TimeoutError ? `timeout after ${timeoutMs} ms` : errorText(e)
    throw new WechatError(WechatErrcode.BUSY, `network: ${reason}`, req.path, !neverSent(e))
  }
  if (res.status < 200 || res.status >= 300) throw new WechatError(WechatErrcode.BUSY, `HTTP ${res.status}`, req.path)
  const bytes = res.bytes

  const contentType = res.contentType
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
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && NEVER_SENT.has(code)
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e)
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : ''
  return `${e.message}${cause}`
}
