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
