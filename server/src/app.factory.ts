import 'reflect-metadata'
import fs from 'node:fs'
import path from 'node:path'
import multipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import { NestFactory } from '@nestjs/core'
// Only the path helper: the package's main module loads the whole 1.4 MB UI bundle into the server.
import swaggerUiRoot from 'swagger-ui-dist/absolute-path.js'
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify'
import { API_PREFIX, AVATAR_MAX_BYTES } from '@chuangan/shared'
import { Logger } from 'nestjs-pino'
import { AppModule } from './app.module'
import { AllExceptionsFilter } from './common/all-exceptions.filter'
import { securityHeaders } from './common/security-headers'
import type { AppConfig } from './config/config'
import { DemoCatalogService } from './demo/demo-catalog.service'
import { DemoContentService } from './demo/demo-content.service'
import { cacheControlFor, resolveWebRoot } from './web/web-root'

/** Builds the whole application, initialised but not listening: `main.ts` listens, tests inject. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Our own pino (nestjs-pino) logs requests; Fastify's would log them twice.
    logger: false,
  })
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  })
  app.useLogger(app.get(Logger))
  app.enableShutdownHooks()
  app.setGlobalPrefix(API_PREFIX.slice(1))

  // Security headers (helmet's), the same on every answer: worked out once (common/security-headers.ts).
  const headers = securityHeaders()
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers)
      done()
    })

  // File uploads (avatars): one file per request; routes read it with `readUpload` (src/storage/upload.ts).
  await app.register(multipart, { limits: { files: 1, fileSize: AVATAR_MAX_BYTES, fields: 10, fieldSize: 1024 } })

  // Uploaded and generated images (covers, avatars, posters): a local folder by default.
  fs.mkdirSync(path.resolve(config.MEDIA_DIR), { recursive: true })
  await app.register(fastifyStatic, {
    root: path.resolve(config.MEDIA_DIR),
    prefix: '/media/',
    decorateReply: false,
    wildcard: true,
    cacheControl: false,
    setHeaders: (reply) => void reply.header('cache-control', 'public, max-age=86400'),
  })

  const webRoot = resolveWebRoot(config.WEB_ROOT)
  if (webRoot) {
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The build's .br / .gz copies (miniapp/scripts/precompress.mjs) to browsers that accept them.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => void reply.header('cache-control', cacheControlFor(filePath)),
    })
  }
  app.useGlobalFilters(new AllExceptionsFilter(webRoot !== null))

  await app.register(fastifyStatic, {
    root: swaggerUiRoot(),
    prefix: '/api/docs/assets/',
    decorateReply: false,
    wildcard: true,
  })

  await app.init()
  if (config.DEMO_CONTENT) {
    await app.get(DemoContentService).seedIfEmpty()
    await app.get(DemoCatalogService).seedIfEmpty()
  }
  return app
}
