import { LRUCache } from 'lru-cache'
import type { FileStore } from '../storage/file-store'

/**
 * Generated PNGs by content key, in two levels: a small in-memory LRU, then the file store (`<folder>/<key>.png`),
 * which outlives restarts and is shared by every process using the same store. A key names its content (a hash of
 * everything drawn), so entries never go stale and are never invalidated: new content is a new key. Concurrent misses
 * for one key share one `make` (one WeChat call, one render).
 */
export class ImageCache {
  private readonly memory: LRUCache<string, Buffer>
  private readonly making = new Map<string, Promise<Buffer>>()

  constructor(
    private readonly store: FileStore,
    private readonly folder: string,
    maxBytes: number,
  ) {
    this.memory = new LRUCache<string, Buffer>({ maxSize: maxBytes, sizeCalculation: (png) => png.length || 1 })
  }

  /** The image under `key`, made by `make` and stored when neither level has it. */
  get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.memory.get(key)
    if (hit) return Promise.resolve(hit)
    let pending = this.making.get(key)
    if (!pending) {
      pending = this.load(key, make).finally(() => this.making.delete(key))
      this.making.set(key, pending)
    }
    return pending
  }

  private async load(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const file = `${this.folder}/${key}.png`
    let png = await this.store.get(file)
    if (!png) {
      png = await make()
      await this.store.put(file, png, 'image/png')
    }
    this.memory.set(key, png)
    return png
  }
}
