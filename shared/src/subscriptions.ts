import { z } from 'zod'

/**
 * WeChat subscribe messages (订阅消息): what a reader allowed us to send, and what became of each send.
 * One `accept` of a template is one send credit; credits add up (wechat.md "Subscribe messages").
 */

/**
 * What a notice is about; each has its own template (configured on the server, see docs/followers.md): a new article,
 * a new periodical issue, a supplier's answer to my inquiry (询价, docs/inquiries.md).
 */
export const SUBSCRIBE_TOPICS = ['article', 'issue', 'inquiry'] as const
export type SubscribeTopic = (typeof SUBSCRIBE_TOPICS)[number]

/** What `wx.requestSubscribeMessage` answers for one template id. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const
export type SubscribeAnswer = (typeof SUBSCRIBE_ANSWERS)[number]

/** WeChat takes at most 3 template ids in one request. */
export const MAX_TEMPLATES_PER_REQUEST = 3

export const SubscriptionTemplate = z.object({
  topic: z.enum(SUBSCRIBE_TOPICS),
  templateId: z.string(),
  /** Sends left: one per accept, one used per message delivered. */
  credits: z.number().int(),
  /** The last answer the reader gave for this template; null if never asked. */
  answer: z.enum(['accept', 'reject', 'ban']).nullable(),
  /** Whether the mini-program may ask again on the reader's next tap (false after reject or ban). */
  ask: z.boolean(),
})
export type SubscriptionTemplate = z.infer<typeof SubscriptionTemplate>

export const MySubscriptions = z.object({
  /** The configured templates; empty when the server sends no subscribe messages. */
  templates: z.array(SubscriptionTemplate),
})
export type MySubscriptions = z.infer<typeof MySubscriptions>

/** What `wx.requestSubscribeMessage` answered, passed on as is: template id → answer. */
export const SubscribeAnswers = z.object({
  results: z
    .record(z.string().min(1).max(64), z.enum(SUBSCRIBE_ANSWERS))
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= MAX_TEMPLATES_PER_REQUEST, {
      message: `between 1 and ${MAX_TEMPLATES_PER_REQUEST} template ids`,
    }),
})
export type SubscribeAnswers = z.infer<typeof SubscribeAnswers>

export const DELIVERY_SUBJECTS = ['article', 'issue'] as const
export const DeliveryParams = z.object({
  kind: z.enum(DELIVERY_SUBJECTS),
  id: z.coerce.number().int().positive().max(2_147_483_647),
})
export type DeliveryParams = z.infer<typeof DeliveryParams>

/** Where the subscribe messages of one article or issue stand (editors). */
export const DeliveryStats = z.object({
  kind: z.enum(DELIVERY_SUBJECTS),
  id: z.number().int(),
  /** Every follower or subscriber the publish queued one delivery for. */
  total: z.number().int(),
  /** Waiting, or waiting to be retried after a transient error. */
  queued: z.number().int(),
  /** Handed to WeChat right now. */
  sending: z.number().int(),
  sent: z.number().int(),
  /** The reader had no credit for the template (the in-app notice still shows). */
  noCredit: z.number().int(),
  /** WeChat answered 43101: the reader's credit is gone; dropped, not retried. */
  dropped: z.number().int(),
  /** A permanent error, or retries exhausted. */
  failed: z.number().int(),
  /** A worker stopped while WeChat had the message: it may have arrived, so it is never sent again. */
  unknown: z.number().int(),
})
export type DeliveryStats = z.infer<typeof DeliveryStats>
