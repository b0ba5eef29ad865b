import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'

/** What the server sends with every answer: helmet's defaults, our content security policy. */
export const SECURITY_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
    },
  },
  crossOriginEmbedderPolicy: false,
}

/**
 * helmet's headers for these options, worked out once. They are the same for every request (no CSP nonces), and
 * @fastify/helmet ran `helmet(options)` anew on each one, building every middleware and the policy text again: about
 * an eighth of the server's CPU for a cached API answer in a profile. Here helmet writes its headers to a stand-in
 * response once, and every answer gets the result (`app.factory.ts`, an onRequest hook, so a route may still replace
 * one).
 */
export function securityHeaders(options: HelmetOptions = SECURITY_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
      return response
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  }
  let failure: unknown = null
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error ?? null
  })
  if (failure) throw failure
  return headers
}
