import { createHash } from 'node:crypto'
import type { AuthedRequest } from '../auth/auth.guard'

/**
 * Who is reading, for counting a read once a day: the signed-in user; else the device id the app keeps
 * (`X-Reader-Id`); else a hash of address and browser. Never stored in a form that names a person.
 */
export function readerKey(request: AuthedRequest): string {
  if (request.user) return `u:${request.user.id}`
  const device = request.headers['x-reader-id']
  if (typeof device === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(device)) {
    return `d:${createHash('sha256').update(device).digest('hex').slice(0, 40)}`
  }
  const ua = String(request.headers['user-agent'] ?? '')
  return `ip:${createHash('sha256').update(`${request.ip}|${ua}`).digest('hex').slice(0, 40)}`
}
