import type { SubscribeTopic } from '@chuangan/shared'
import { z } from 'zod'

/** What a template field can show, per topic (the values come from the article, issue or inquiry at send time). */
export const FIELD_SOURCES = {
  article: ['title', 'author', 'column', 'summary', 'publishedAt'],
  issue: ['periodical', 'title', 'number', 'publishedAt'],
  inquiry: ['model', 'supplier', 'price', 'leadTime', 'answeredAt'],
} as const satisfies Record<SubscribeTopic, readonly string[]>

export type FieldSource<T extends SubscribeTopic> = (typeof FIELD_SOURCES)[T][number]

/** WeChat's template keys: a value type and a number (`thing1`, `time3`, …); each type has its own limit. */
const FIELD_KEY = /^(thing|name|number|character_string|time|date|phrase|letter|symbol|amount)\d{1,2}$/

export interface TemplateConfig {
  topic: SubscribeTopic
  id: string
  /** Template key → source, in WeChat's order. */
  fields: Record<string, string>
}

const topicSchema = (topic: SubscribeTopic) =>
  z
    .object({
      id: z.string().min(1).max(64),
      fields: z
        .record(
          z.string().regex(FIELD_KEY, 'is not a WeChat template key (thing1, time2, …)'),
          z.enum(FIELD_SOURCES[topic] as unknown as [string, ...string[]]),
        )
        .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 5, '1 to 5 fields'),
    })
    .strict()

const TemplatesSchema = z
  .object({ article: topicSchema('article'), issue: topicSchema('issue'), inquiry: topicSchema('inquiry') })
  .partial()
  .strict()

/** The emulator's templates: what development and tests send when no WeChat credentials are configured. */
export const EMULATOR_TEMPLATES = JSON.stringify({
  article: { id: 'emu-tmpl-new-article', fields: { thing1: 'title', name2: 'author', time3: 'publishedAt' } },
  issue: { id: 'emu-tmpl-new-issue', fields: { thing1: 'periodical', thing2: 'title', time3: 'publishedAt' } },
  inquiry: {
    id: 'emu-tmpl-inquiry-answer',
    fields: { thing1: 'model', thing2: 'supplier', amount3: 'price', thing4: 'leadTime', time5: 'answeredAt' },
  },
})

/**
 * Reads WECHAT_SUBSCRIBE_TEMPLATES: which template each topic uses and what each of its fields shows. Throws, naming
 * the bad part, so a wrong configuration stops the server at start instead of failing every send.
 */
export function parseTemplates(json: string | undefined, realWechat: boolean): TemplateConfig[] {
  const source = json ?? (realWechat ? '{}' : EMULATOR_TEMPLATES)
  let raw: unknown
  try {
    raw = JSON.parse(source)
  } catch {
    throw new Error('WECHAT_SUBSCRIBE_TEMPLATES: not JSON')
  }
  const parsed = TemplatesSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`WECHAT_SUBSCRIBE_TEMPLATES: ${issue.path.join('.') || '(root)'} ${issue.message}`)
  }
  const templates = Object.entries(parsed.data).map(([topic, t]) => ({ topic: topic as SubscribeTopic, ...t! }))
  const ids = templates.map((t) => t.id)
  if (new Set(ids).size !== ids.length) throw new Error('WECHAT_SUBSCRIBE_TEMPLATES: two topics share a template id')
  return templates
}

/** Characters, not UTF-16 units: WeChat counts 𝄞 as one. */
const chars = (s: string) => [...s]

function cut(value: string, max: number): string {
  const c = chars(value.replace(/\s+/g, ' ').trim())
  return c.length <= max ? c.join('') : `${c.slice(0, max - 1).join('')}…`
}

/** `2026年12月5日 14:05`, China time: the form WeChat's `time` fields take. */
function chinaTime(at: Date, withTime: boolean): string {
  const d = new Date(at.getTime() + 8 * 3_600_000)
  const day = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  if (!withTime) return day
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${day} ${hh}:${mm}`
}

/**
 * One field's value in the form and length WeChat accepts for its key type (wechat.md: thing ≤ 20 characters,
 * name ≤ 10, number and character_string ≤ 32, phrase ≤ 5, time and date fixed formats).
 */
export function formatField(key: string, value: string | number | Date): string {
  const type = FIELD_KEY.exec(key)?.[1]
  if (value instanceof Date) return chinaTime(value, type !== 'date')
  const text = String(value)
  switch (type) {
    case 'thing':
      return cut(text, 20) || '-'
    case 'name':
      return cut(text, 10) || '-'
    case 'phrase':
      return cut(text, 5) || '-'
    case 'number':
      return text.replace(/\D/g, '').slice(0, 32) || '0'
    case 'character_string':
    case 'letter':
    case 'symbol':
      return text.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-'
    default:
      return cut(text, 20)
  }
}
