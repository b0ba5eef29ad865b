import { Controller, Req, Res } from '@nestjs/common'
import type { PosterQuery, ShareCodeQuery } from '@chuangan/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { etagMatches } from '../common/etag'
import { ContractQuery, Route } from '../common/contract'
import { RateLimitedError } from '../rate-limit/rate-limit.service'
import { PosterService, type Requester } from './poster.service'

/**
 * A poster's URL stays the same when its article changes, so browsers and the mini-program may keep one a minute and
 * then revalidate with the ETag (the content key): an unchanged poster answers 304 without being read.
 */
const CACHE_CONTROL = 'public, max-age=60'

/** Share posters and mini-program codes, as PNG (contract routes with `produces: 'image/png'`). */
@Controller()
export class PosterController {
  constructor(private readonly posters: PosterService) {}

  @Route('sharePoster')
  async poster(
    @ContractQuery('sharePoster') query: PosterQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const subject = await this.posters.subject(query.article)
    const sharer = await this.posters.sharer(query.sharer)
    return send(request, reply, this.posters.posterKey(subject, sharer), () =>
      this.posters.poster(subject, sharer, requester(request)),
    )
  }

  @Route('shareCode')
  async code(
    @ContractQuery('shareCode') query: ShareCodeQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const subject = await this.posters.subject(query.article) // 404 unless published
    const sharer = await this.posters.sharer(query.sharer)
    return send(request, reply, `c${this.posters.codeKey(subject.id, sharer)}`, () =>
      this.posters.code(subject.id, sharer, requester(request)),
    )
  }
}

const requester = (request: FastifyRequest): Requester => ({ userId: null, ip: request.ip })

/**
 * 304 when the client holds this version, otherwise the PNG. Headers are set only once the image exists: an error
 * (404, 429, 503) then goes out as JSON in the one error shape.
 */
async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  png: () => Promise<Buffer>,
): Promise<Buffer | undefined> {
  const etag = `"${key}"`
  if (etagMatches(request.headers['if-none-match'], etag)) {
    void reply.status(304).header('etag', etag).header('cache-control', CACHE_CONTROL)
    return undefined
  }
  let bytes: Buffer
  try {
    bytes = await png()
  } catch (e) {
    if (e instanceof RateLimitedError) void reply.header('retry-after', String(e.retryAfterSeconds))
    throw e
  }
  void reply.header('content-type', 'image/png').header('etag', etag).header('cache-control', CACHE_CONTROL)
  return bytes
}
