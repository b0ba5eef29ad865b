import fs from 'node:fs'
import path from 'node:path'

/** Where the H5 build lives: WEB_ROOT, or the mini-program's dist/h5 in this repository. */
export function resolveWebRoot(configured?: string): string | null {
  const root = path.resolve(configured ?? path.join(__dirname, '../../../miniapp/dist/h5'))
  return fs.existsSync(path.join(root, 'index.html')) ? root : null
}

/**
 * Hashed build assets never change under their name (nor their compressed copies); index.html must always be
 * revalidated.
 */
export function cacheControlFor(filePath: string): string {
  return /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache'
}
