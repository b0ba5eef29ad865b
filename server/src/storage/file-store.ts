import { createHash } from 'node:crypto'

/**
 * Where uploaded and generated files live (avatars, posters). Code depends on this abstract class only; the
 * provider in `storage.module.ts` picks the implementation (a local folder by default), so a cloud store can
 * replace it.
 *
 * A key is a relative path like `user-avatars/12-3f9a….png`: lower-case letters, digits, `-`, `_`, `.` and `/`.
 */
export abstract class FileStore {
  /** Stores the bytes under the key (replacing what is there) and returns the public URL. */
  abstract put(key: string, data: Buffer, contentType: string): Promise<string>

  /** The stored bytes, or null when the key holds nothing. */
  abstract get(key: string): Promise<Buffer | null>

  /** Removes a stored file; a key that holds nothing is not an error. */
  abstract delete(key: string): Promise<void>

  /** The public URL of a key. */
  abstract url(key: string): string

  /** The key behind a public URL of this store, or null when the URL points elsewhere (WeChat, demo art, …). */
  abstract keyOf(url: string): string | null
}

const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*\.[a-z0-9]+$/

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid file store key: ${key}`)
}

/** A key named by its content: the same bytes give the same name, new bytes a new URL (so caches never go stale). */
export function contentKey(folder: string, owner: number, data: Buffer, extension: string): string {
  const digest = createHash('sha256').update(data).digest('hex').slice(0, 32)
  return `${folder}/${owner}-${digest}.${extension}`
}
