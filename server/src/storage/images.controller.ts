import { Controller, Req, Res } from '@nestjs/common'
import type { ImageVariantQuery } from '@chuangan/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { etagMatches } from '../common/etag'
import { ContractQuery, Route } from '../common/contract'
import { ImageVariants } from './image-variants'

/**
 * A content-named stored image (uploads: `…-<32 hex digits>.ext`) never changes under its URL: its variants are cached
 * for a year and never revalidated. Others (demo art, written once) for a day like `/media/` itself, then revalidated
 * with the ETag.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable'
const DAY = 'public, max-age=86400'
const CONTENT_NAMED = /-[0-9a-f]{32}\.[a-z0-9]+$/

/** Sized variants of stored images, for thumbnails on list pages. */
@Controller()
export class ImagesController {
  constructor(private readonly variants: ImageVariants) {}

  @Route('imageVariant')
  async variant(
    @ContractQuery('imageVariant') query: ImageVariantQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const variant = await this.variants.get(query.src, query.w)
    const cacheControl = CONTENT_NAMED.test(query.src) ? IMMUTABLE : DAY
    void reply.header('etag', variant.etag).header('cache-control', cacheControl)
    if (etagMatches(request.headers['if-none-match'], variant.etag)) {
      void reply.status(304)
      return undefined
    }
    void reply.header('content-type', variant.type)
    return variant.bytes
  }
}
