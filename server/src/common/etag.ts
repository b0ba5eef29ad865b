/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or `*`): answer 304 when it does. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === etag
  })
}
