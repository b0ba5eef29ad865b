import { createHash } from 'node:crypto'
import { Injectable, Logger } from '@nestjs/common'
import { canvasLib, releaseCanvas } from '../common/canvas'
import { MediaErrors } from '@chuangan/shared'
import { LRUCache } from 'lru-cache'
import { AppError } from '../common/app-error'
import { FileStore } from './file-store'
import { sniffImage } from './upload'

/** A made variant: its bytes, type and strong ETag (a hash of the bytes). */
export interface ImageVariant {
  bytes: Buffer
  type: string
  etag: string
}

/** JPEG quality of opaque variants: thumbnails of photos and drawn covers look the same as the source at this size. */
const JPEG_QUALITY = 85
/** Variants kept in memory, by bytes (a 288 px JPEG thumbnail is ≈ 10–20 KB). */
const MEMORY_BYTES = 8 * 1024 * 1024

/**
 * Sized variants of stored images (covers, avatars) for list pages, which show ≈ 100–200 px thumbnails of 640 px
 * covers. A variant is made once per (image, width) from the stored file (scaled with Skia's high-quality filter,
 * aspect ratio kept, never scaled up), stored beside it under `variants/w<width>/…` so restarts and other processes
 * reuse it, and kept in a byte-bounded LRU. JPEG when every pixel is opaque, PNG otherwise. A stored image's key is
 * taken to name fixed bytes (uploads are content-named, demo art is written once), so a variant never goes stale.
 */
@Injectable()
export class ImageVariants {
  private readonly logger = new Logger(ImageVariants.name)
  private readonly memory = new LRUCache<string, ImageVariant>({
    maxSize: MEMORY_BYTES,
    sizeCalculation: (v) => v.bytes.length || 1,
  })
  private readonly making = new Map<string, Promise<ImageVariant>>()

  constructor(private readonly store: FileStore) {}

  /** The variant of the stored image at `src` (a `/media/…` URL); 404 IMAGE_NOT_FOUND when none can be made. */
  get(src: string, width: number): Promise<ImageVariant> {
    const key = this.store.keyOf(src)
    if (!key || key.startsWith('variants/')) throw AppError.of(MediaErrors.IMAGE_NOT_FOUND)
    const variantKey = `variants/w${width}/${key.replace(/\.([a-z0-9]+)$/, '-$1')}.img`
    const hit = this.memory.get(variantKey)
    if (hit) return Promise.resolve(hit)
    let pending = this.making.get(variantKey)
    if (!pending) {
      pending = this.load(key, variantKey, width).finally(() => this.making.delete(variantKey))
      this.making.set(variantKey, pending)
    }
    return pending
  }

  private async load(key: string, variantKey: string, width: number): Promise<ImageVariant> {
    let bytes = await this.store.get(variantKey)
    if (!bytes) {
      const source = await this.store.get(key)
      if (!source) throw AppError.of(MediaErrors.IMAGE_NOT_FOUND)
      bytes = await this.make(source, width, key)
      await this.store.put(variantKey, bytes, typeOf(bytes))
    }
    const variant = {
      bytes,
      type: typeOf(bytes),
      etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
    }
    this.memory.set(variantKey, variant)
    return variant
  }

  private async make(source: Buffer, width: number, key: string): Promise<Buffer> {
    let image
    try {
      image = await canvasLib().loadImage(source)
    } catch (e) {
      this.logger.warn(`${key} is not an image: ${(e as Error).message}`)
      throw AppError.of(MediaErrors.IMAGE_NOT_FOUND)
    }
    const w = Math.min(width, image.width)
    const h = Math.max(1, Math.round((image.height * w) / image.width))
    const canvas = canvasLib().createCanvas(w, h)
    const ctx = canvas.getContext('2d')
    ctx.imageSmoothingEnabled = true
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(image, 0, 0, w, h)
    const pixels = ctx.getImageData(0, 0, w, h).data
    let opaque = true
    for (let i = 3; i < pixels.length && opaque; i += 4) opaque = pixels[i] === 255
    try {
      return await (opaque ? canvas.encode('jpeg', JPEG_QUALITY) : canvas.encode('png'))
    } finally {
      releaseCanvas(canvas)
    }
  }
}

const typeOf = (bytes: Buffer) => sniffImage(bytes)?.type ?? 'application/octet-stream'
