import { z } from 'zod'

/** A clearly fake account page: the demo site shows a QR code of it where a real one would go. */
export const DEMO_OFFICIAL_ACCOUNT_URL =
  'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=DEMO-chuangan-not-a-real-account'

const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes')

/** Every environment variable the server reads, validated once at start. The README's table mirrors this. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres(ql)?:\/\/|mysql:\/\/|mariadb:\/\/)/,
      'must start with sqlite:, postgres://, mysql:// or mariadb://',
    )
    .default('sqlite:data/chuangan.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  DEMO_CONTENT: bool.default(false),
  WEB_ROOT: z.string().optional(),
  MEDIA_DIR: z.string().min(1).default('data/media'),
  WECHAT_API_BASE: z
    .string()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .optional(),
  WECHAT_APPID: z.string().min(1).optional(),
  WECHAT_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default(false),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  /** Where readers reach this server (the H5 build and /media): QR codes point here. Default http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'must be an http(s) URL without query')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The official account (公众号) to follow; its QR code is written to /media/site/official-account-qr.png. */
  OFFICIAL_ACCOUNT_URL: z
    .string()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .default(DEMO_OFFICIAL_ACCOUNT_URL),
  /**
   * The search engine (docs/search.md): `embedded` keeps the index in each process; `postgres` answers from the
   * database (PostgreSQL only). Default: postgres when DATABASE_URL is PostgreSQL, else embedded.
   */
  SEARCH_ENGINE: z.enum(['embedded', 'postgres']).optional(),
  /**
   * From how many products the embedded engine builds its index in a worker thread (docs/search.md): the build's
   * garbage dies with the thread and requests keep being answered meanwhile. 0: always; below it, in line.
   */
  SEARCH_INDEX_WORKER_FROM: z.coerce.number().int().min(0).default(20_000),
  /**
   * The PostgreSQL engine's shared index (docs/search.md): one process builds the embedded engine's index once the
   * catalogue is still and stores it in the database, every process loads it and answers searches from memory while
   * the catalogue does not change; in SQL otherwise. Off: always in SQL (less memory per process, slower searches).
   */
  SEARCH_SHARED_INDEX: bool.default(true),
  /**
   * Subscribe-message templates as JSON (docs/followers.md): `{"article": {"id": "…", "fields": {"thing1": "title",
   * …}}, "issue": {…}}`, checked at start by delivery/subscribe-templates.ts. Default: the emulator's templates when no
   * WeChat credentials are set, none (no subscribe messages) when they are.
   */
  WECHAT_SUBSCRIBE_TEMPLATES: z.string().optional(),
  /** Whether this process works the subscribe-message outbox (turn off in web-only processes). */
  DELIVERY_WORKER: bool.default(true),
})

export type AppConfig = Omit<z.infer<typeof EnvSchema>, 'PUBLIC_URL' | 'SEARCH_ENGINE'> & {
  PUBLIC_URL: string
  SEARCH_ENGINE: 'embedded' | 'postgres'
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url)

export class ConfigError extends Error {}

/** Reads the environment into a typed config, or throws a message that names each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(input)
  if (parsed.success) {
    const postgres = isPostgresUrl(parsed.data.DATABASE_URL)
    if (parsed.data.SEARCH_ENGINE === 'postgres' && !postgres) {
      throw new ConfigError(
        `Invalid environment configuration:\n  SEARCH_ENGINE="postgres": needs a PostgreSQL DATABASE_URL (postgres://…); use embedded with ${parsed.data.DATABASE_URL.split(':')[0]}`,
      )
    }
    return {
      ...parsed.data,
      PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`,
      SEARCH_ENGINE: parsed.data.SEARCH_ENGINE ?? (postgres ? 'postgres' : 'embedded'),
    }
  }
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0])
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`
  })
  throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`)
}

export const APP_CONFIG = Symbol('APP_CONFIG')
