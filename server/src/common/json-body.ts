/** The content type of every answer a controller returns as ready JSON bytes (cached bodies, spliced pages). */
export const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A JSON object's bytes from its fields: a Buffer is taken as JSON text already encoded (a cached body) and spliced
 * in as it is, anything else is serialised (`undefined` as null).
 */
export function jsonObject(fields: Record<string, unknown>): Buffer {
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`${parts.length ? ',' : '{'}${JSON.stringify(name)}:`))
    parts.push(Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value ?? null)))
  }
  parts.push(Buffer.from(parts.length ? '}' : '{}'))
  return Buffer.concat(parts)
}
