import http from 'node:http'
import type { AddressInfo } from 'node:net'
import helmet from 'helmet'
import { SECURITY_OPTIONS, securityHeaders } from './security-headers'

/** The headers worked out once are the ones helmet itself sets on a real response. */
describe('securityHeaders', () => {
  it("equals what helmet's middleware sets on a real response", async () => {
    const server = http.createServer((req, res) => helmet(SECURITY_OPTIONS)(req, res, () => res.end()))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      const fromHelmet = Object.fromEntries(
        [...res.headers].filter(
          ([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name),
        ),
      )
      expect(securityHeaders()).toEqual(fromHelmet)
      expect(fromHelmet['content-security-policy']).toContain("default-src 'self'")
    } finally {
      server.close()
    }
  })

  it('follows the options', () => {
    expect(securityHeaders({ xFrameOptions: { action: 'deny' } })['x-frame-options']).toBe('DENY')
    expect(securityHeaders({ xFrameOptions: false })['x-frame-options']).toBeUndefined()
  })
})
