import { z } from 'zod'

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.object({
    type: z.enum(['better-sqlite3', 'postgres', 'mysql', 'mariadb']),
    ok: z.boolean(),
    latencyMs: z.number(),
  }),
})
export type Health = z.infer<typeof Health>
