import { Catch, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common'
import { API_PREFIX, ErrorCode } from '@chuangan/shared'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { isOutOfRange } from './db'
import { toApiError } from './error-shape'

/** The one place errors become responses, for every route and for unknown ones. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP')

  /** @param spaFallback when the H5 build is served, unknown non-API GETs get its index.html (browser routing). */
  constructor(private readonly spaFallback = false) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp()
    const reply = http.getResponse<FastifyReply>()
    const request = http.getRequest<FastifyRequest>()
    const body = toApiError(exception)
    // Nest answers unknown routes with a NotFoundException whose message names the route.
    if (
      exception instanceof NotFoundException &&
      /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(exception.message)
    ) {
      const path = request.url.split('?')[0]
      if (this.spaFallback && (request.method === 'GET' || request.method === 'HEAD') && isAppRoute(path)) {
        void reply.header('cache-control', 'no-cache').sendFile('index.html')
        return
      }
      body.code = ErrorCode.RouteNotFound
      body.message = `接口不存在：${request.method} ${path}`
    }
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, url: request.url, method: request.method }, 'unhandled error')
    } else if (isOutOfRange(exception)) {
      this.logger.warn({ err: exception, url: request.url, method: request.method }, 'number out of range for a column')
    }
    void reply.status(body.statusCode).header('cache-control', 'no-store').send(body)
  }
}

/** A page route of the H5 app (not the API, not a media file, not a missing asset with an extension). */
const isAppRoute = (path: string) =>
  !(
    path === API_PREFIX ||
    path.startsWith(`${API_PREFIX}/`) ||
    path.startsWith('/media/') ||
    /\.[a-z0-9]{1,8}$/i.test(path)
  )
