import { lookup } from 'node:dns/promises'
import { BlockList } from 'node:net'
import { sniffImage } from './upload'

/** Covers and avatars from other hosts: how long to wait and how much to read. */
const REMOTE_IMAGE = { timeoutMs: 3000, maxBytes: 5 * 1024 * 1024 }

/**
 * Where a cover or avatar URL may not lead (server-side request forgery): this machine, private networks, link-local
 * addresses (cloud metadata at 169.254.169.254), carrier-grade NAT, and the unspecified address. IPv4 rules also
 * match IPv4-mapped IPv6 addresses (::ffff:127.0.0.1).
 */
const NOT_PUBLIC = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6')
}

/**
 * Throws unless every address the URL's host resolves to is public (see NOT_PUBLIC). The fetch resolves the name once
 * more: a DNS server that answers differently the second time (rebinding) is not caught here.
 */
export async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') // an IPv6 literal without its brackets
  const addresses = await lookup(host, { all: true })
  const refused = addresses.find((a) => NOT_PUBLIC.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'))
  if (refused) throw new Error(`refused: ${url.hostname} resolves to ${refused.address}, not a public address`)
}

/**
 * An image from another host: a few seconds and a few MB at most, only bytes that are an image, and no redirects
 * (one could lead to an address assertPublicHost refuses).
 */
export async function fetchImage(url: URL): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(REMOTE_IMAGE.timeoutMs), redirect: 'error' })
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
  const parts: Buffer[] = []
  let size = 0
  for await (const part of res.body) {
    size += part.length
    if (size > REMOTE_IMAGE.maxBytes) throw new Error(`larger than ${REMOTE_IMAGE.maxBytes} bytes`)
    parts.push(Buffer.from(part))
  }
  const bytes = Buffer.concat(parts)
  if (!sniffImage(bytes)) throw new Error('not a JPEG, PNG or WebP image')
  return bytes
}
