import { z } from 'zod'
import { NICKNAME_MAX_LENGTH } from './limits'

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
  role: z.enum(['reader', 'author', 'editor', 'supplier']),
  /** A supplier account's catalogue supplier; null for everyone else. */
  supplierId: z.number().int().nullable(),
  /** My code in share paths and poster scenes (8 letters or digits; not my id). */
  shareCode: z.string(),
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

/** True when text holds control characters (invisible, and they break layouts). */
export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

export const Nickname = z
  .string()
  .trim()
  .min(1, '请输入昵称')
  .max(NICKNAME_MAX_LENGTH, `昵称最多 ${NICKNAME_MAX_LENGTH} 个字`)
  .refine((name) => !hasControlChars(name), '昵称含有不可见字符')

/** What a reader may change about themselves (role, ids and counts are not here on purpose). */
export const ProfileInput = z.object({ nickname: Nickname }).strict()
export type ProfileInput = z.infer<typeof ProfileInput>

/** Deleting the account needs an explicit confirmation in the body. */
export const DeleteAccountInput = z.object({ confirm: z.literal(true) }).strict()
export type DeleteAccountInput = z.infer<typeof DeleteAccountInput>

/** Shown in place of a deleted account's name. */
export const DELETED_USER_NAME = '已注销用户'
