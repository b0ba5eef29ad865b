import type { IncomingMessage, ServerResponse } from 'node:http'

/** Small request/response helpers for the emulator's node:http server. */

const MAX_BODY_BYTES = 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  let size = 0
  for await (const part of req) {
    const buf = part as Buffer
    size += buf.length
    if (size > MAX_BODY_BYTES) throw new Error('body too large')
    parts.push(buf)
  }
  return Buffer.concat(parts)
}

/** The request's JSON object body, or null when it is missing or not an object (WeChat answers 47001 then). */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const raw = await readBody(req)
  if (raw.length === 0) return null
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** WeChat answers errors with HTTP 200 and a JSON body, so the status stays 200 unless the path is unknown. */
export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8', 'content-length': bytes.length })
  res.end(bytes)
}

export function sendBytes(res: ServerResponse, body: Buffer, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length })
  res.end(body)
}
