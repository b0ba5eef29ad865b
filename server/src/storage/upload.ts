import { UploadErrors, type RouteContract } from '@chuangan/shared'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../common/app-error'

export type UploadSpec = NonNullable<RouteContract['upload']>

export interface UploadedFile {
  data: Buffer
  /** The type read from the bytes themselves, never from the client's Content-Type or file name. */
  type: string
  extension: string
}

/** Image types we accept, told apart by their first bytes. */
const SIGNATURES: { type: string; extension: string; matches: (b: Buffer) => boolean }[] = [
  {
    type: 'image/jpeg',
    extension: 'jpg',
    matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    type: 'image/png',
    extension: 'png',
    matches: (b) =>
      b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    extension: 'webp',
    matches: (b) => b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
]

/** The image type of some bytes by their signature, or null. */
export function sniffImage(data: Buffer): { type: string; extension: string } | null {
  const found = SIGNATURES.find((s) => s.matches(data))
  return found ? { type: found.type, extension: found.extension } : null
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/**
 * Reads the one file of a multipart/form-data request as a route's `upload` declares it: in the named field, at most
 * `maxBytes`, of one of `types` judged by its bytes. Every way it can be wrong is a 4xx in the one error shape.
 */
export async function readUpload(request: FastifyRequest, spec: UploadSpec): Promise<UploadedFile> {
  const field = `body.${spec.field}`
  let data: Buffer | null = null
  try {
    // Every part is read to the end (a second file breaks the `files` limit: 413); other fields are ignored.
    const parts = request.parts({
      limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    })
    for await (const part of parts) {
      if (part.type !== 'file') continue
      if (part.fieldname !== spec.field) {
        part.file.resume()
        throw AppError.of(UploadErrors.UPLOAD_WRONG_FIELD, { params: { field: spec.field }, field })
      }
      data = await part.toBuffer()
    }
  } catch (error) {
    throw asUploadError(error, spec)
  }
  if (data === null) throw AppError.of(UploadErrors.UPLOAD_FILE_MISSING, { field })
  if (data.length === 0) throw AppError.of(UploadErrors.UPLOAD_FILE_EMPTY, { field })
  const sniffed = sniffImage(data)
  if (!sniffed || !spec.types.includes(sniffed.type)) {
    throw AppError.of(UploadErrors.UPLOAD_TYPE_UNSUPPORTED, {
      details: [{ path: field, message: `accepted: ${spec.types.join(', ')} (judged by the file's bytes)` }],
    })
  }
  return { data, ...sniffed }
}

/** @fastify/multipart's and busboy's errors, as ours: 413 and 415 where they say so, a 400 for anything else. */
function asUploadError(error: unknown, spec: UploadSpec): AppError {
  if (error instanceof AppError) return error
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return AppError.of(UploadErrors.UPLOAD_NOT_MULTIPART, {
        details: [{ path: 'body', message: 'expected multipart/form-data' }],
      })
    case 'FST_REQ_FILE_TOO_LARGE':
      return AppError.of(UploadErrors.UPLOAD_TOO_LARGE, {
        params: { size: megabytes(spec.maxBytes) },
        details: [{ path: `body.${spec.field}`, message: `at most ${spec.maxBytes} bytes` }],
      })
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return AppError.of(UploadErrors.UPLOAD_TOO_MANY_PARTS, {
        details: [{ path: 'body', message: 'one file and a few small fields at most' }],
      })
  }
  // Anything else failed while reading the body: busboy refuses one it cannot parse (no boundary, a boundary over
  // 256 characters, cut short, …) with a plain Error. The request was wrong, so a 400, never a 500.
  return AppError.of(UploadErrors.UPLOAD_MALFORMED, { field: 'body' })
}
