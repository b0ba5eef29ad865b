import { z } from 'zod'

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
})

export type AppConfig = z.infer<typeof EnvSchema>

export class ConfigError extends Error {}

/** Reads the environment into a typed config, or throws a message that names each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0])
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`
  })
  throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`)
}

export const APP_CONFIG = Symbol('APP_CONFIG')
