import { z } from 'zod'
import { Id } from './content'
import { SHARE_CHANNELS, SHARE_TARGETS, SHARER_CODE_LENGTH } from './share'

export const ShareChannelSchema = z.enum(SHARE_CHANNELS)
export const ShareTargetRef = z.object({ type: z.enum(SHARE_TARGETS), id: Id }).strict()
export type ShareTargetRef = z.infer<typeof ShareTargetRef>
export const SharerCode = z
  .string()
  .regex(new RegExp(`^[0-9A-Za-z]{${SHARER_CODE_LENGTH}}$`), `${SHARER_CODE_LENGTH} letters or digits`)

/** A signed-in reader shared a page (the sheet's 发送给好友 / 分享到朋友圈 / 生成海报). */
export const RecordShareInput = z.object({ target: ShareTargetRef, channel: ShareChannelSchema }).strict()
export type RecordShareInput = z.infer<typeof RecordShareInput>
export const ShareRecorded = z.object({ shares: z.number().int().describe('the target’s shares so far') })
export type ShareRecorded = z.infer<typeof ShareRecorded>

/** A page was opened from a share: who shared it, through which channel, and the launch scene. */
export const RecordOpenInput = z
  .object({
    target: ShareTargetRef,
    sharer: SharerCode,
    channel: ShareChannelSchema,
    scene: z.number().int().min(1000).max(9999).optional().describe('WeChat launch scene, when known'),
  })
  .strict()
export type RecordOpenInput = z.infer<typeof RecordOpenInput>
export const OpenRecorded = z.object({
  counted: z.boolean().describe('false when this reader already opened this share, or opened their own'),
  newReader: z.boolean().describe('the share brought a reader we had not seen before'),
})
export type OpenRecorded = z.infer<typeof OpenRecorded>

/** `GET /share/poster`: the article and, optionally, whose code goes in the mini-program code's scene. */
export const PosterQuery = z.object({ article: Id, sharer: SharerCode.optional() }).strict()
export type PosterQuery = z.infer<typeof PosterQuery>

/** `GET /share/code`: the mini-program code alone (the H5 sheet shows it: 微信扫一扫). */
export const ShareCodeQuery = z.object({ article: Id, sharer: SharerCode.optional() }).strict()
export type ShareCodeQuery = z.infer<typeof ShareCodeQuery>

export const ChannelStats = z.object({
  channel: ShareChannelSchema,
  shares: z.number().int(),
  opens: z.number().int(),
  newReaders: z.number().int(),
})
export type ChannelStats = z.infer<typeof ChannelStats>

/** How an article (or all of an author's articles) spread. */
export const ShareStats = z.object({
  shares: z.number().int(),
  opens: z.number().int(),
  /** opens ÷ shares, 0 when nothing was shared. */
  opensPerShare: z.number(),
  /** Distinct readers who arrived through a share. */
  readersBrought: z.number().int(),
  /** Of those, readers never seen before their first open. */
  newReaders: z.number().int(),
  byChannel: z.array(ChannelStats),
  topSharers: z
    .array(z.object({ name: z.string(), shares: z.number().int(), opens: z.number().int() }))
    .max(10)
    .describe('names only (已注销用户 for deleted accounts)'),
})
export type ShareStats = z.infer<typeof ShareStats>
