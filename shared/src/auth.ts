import { z } from 'zod'

export const WechatLoginInput = z
  .object({
    code: z.string().trim().min(1).max(128).describe('the one-time code from wx.login (or dev:<name> on the emulator)'),
  })
  .strict()
export type WechatLoginInput = z.infer<typeof WechatLoginInput>

export const Me = z.object({
  id: z.number().int(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(['reader', 'author', 'editor']),
})
export type Me = z.infer<typeof Me>

export const LoginResult = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: Me,
})
export type LoginResult = z.infer<typeof LoginResult>

export const Done = z.object({ ok: z.literal(true) })

export const DevLoginInput = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -')
      .describe('who to sign in as; the same name is the same WeChat user'),
  })
  .strict()
export type DevLoginInput = z.infer<typeof DevLoginInput>
