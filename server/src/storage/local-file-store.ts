import fs from 'node:fs/promises'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { assertKey, FileStore } from './file-store'

/** Files in a local folder (MEDIA_DIR), served by the server's `/media/` static route. */
export class LocalFileStore extends FileStore {
  private readonly root: string

  constructor(
    root: string,
    private readonly prefix = '/media/',
  ) {
    super()
    this.root = path.resolve(root)
  }

  async put(key: string, data: Buffer): Promise<string> {
    const file = this.fileOf(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    // Written aside, then renamed: a reader never sees half a file.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
    await fs.writeFile(temp, data)
    await fs.rename(temp, file)
    return this.url(key)
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.fileOf(key))
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.fileOf(key), { force: true })
  }

  url(key: string): string {
    assertKey(key)
    return this.prefix + key
  }

  keyOf(url: string): string | null {
    if (!url.startsWith(this.prefix)) return null
    const key = url.slice(this.prefix.length)
    try {
      assertKey(key)
      return key
    } catch {
      return null
    }
  }

  private fileOf(key: string): string {
    assertKey(key)
    return path.join(this.root, ...key.split('/'))
  }
}
