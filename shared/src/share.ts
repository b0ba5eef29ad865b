/**
 * Sharing without zod (the mini-program imports this module alone as `@chuangan/shared/share`): what a share carries
 * in its path or in a mini-program code's `scene`, and how a page opened from it reads that back.
 */

/** Where a share went: a chat (friend), a group chat, Moments (timeline), or a poster's mini-program code. */
export const SHARE_CHANNELS = ['friend', 'group', 'timeline', 'poster'] as const
export type ShareChannel = (typeof SHARE_CHANNELS)[number]

/** What can be shared (products join with 传感搜). */
export const SHARE_TARGETS = ['article', 'author', 'column', 'periodical'] as const
export type ShareTarget = (typeof SHARE_TARGETS)[number]

/** The mini-program page of each target (no leading slash, as getwxacodeunlimit wants it). */
export const SHARE_PAGES: Record<ShareTarget, string> = {
  article: 'packages/content/article/index',
  author: 'packages/content/author/index',
  column: 'packages/content/column/index',
  periodical: 'packages/content/periodical/index',
}

/** A reader's public share code: 8 letters or digits, stable per account, not their id. */
export const SHARER_CODE_LENGTH = 8
const SHARER_CODE = /^[0-9A-Za-z]{8}$/
export const isSharerCode = (value: unknown): value is string => typeof value === 'string' && SHARER_CODE.test(value)

/** WeChat's limits for a mini-program code's `scene`: at most 32 of these characters. */
export const SCENE_MAX_LENGTH = 32
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/
export const isValidScene = (scene: string): boolean => scene.length <= SCENE_MAX_LENGTH && SCENE_CHARS.test(scene)

/** Targets a scene can name by numeric id, one letter each (a column is shared by its page path, not a code). */
const SCENE_LETTER = { article: 'a', author: 'u', periodical: 'p' } as const
export type SceneTarget = keyof typeof SCENE_LETTER
const LETTER_TARGET: Record<string, SceneTarget> = { a: 'article', u: 'author', p: 'periodical' }

export interface SceneData {
  target: SceneTarget
  id: number
  /** The sharer's code, when the code was made for a signed-in sharer. */
  sharer: string | null
}

/**
 * `a` + the id in base 36, then `.` + the sharer's code: e.g. `a2n9c.k3J9x2Qa` (at most 1 + 11 + 1 + 8 = 21
 * characters for any safe integer id). Throws on an id or code that cannot be encoded.
 */
export function encodeScene({ target, id, sharer }: SceneData): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`cannot encode id ${id} in a scene`)
  if (sharer !== null && !isSharerCode(sharer)) throw new Error(`not a sharer code: ${sharer}`)
  const scene = `${SCENE_LETTER[target]}${id.toString(36)}${sharer ? `.${sharer}` : ''}`
  if (!isValidScene(scene)) throw new Error(`scene too long: ${scene}`)
  return scene
}

/** Reads a scene back (as WeChat hands it to the page, URI-encoded or not); null when it is not one of ours. */
export function decodeScene(raw: string | undefined | null): SceneData | null {
  if (!raw) return null
  let scene: string
  try {
    scene = decodeURIComponent(raw)
  } catch {
    return null
  }
  const match = /^([aup])([0-9a-z]{1,11})(?:\.([0-9A-Za-z]{8}))?$/.exec(scene)
  if (!match) return null
  const id = parseInt(match[2], 36)
  if (!Number.isSafeInteger(id) || id <= 0) return null
  return { target: LETTER_TARGET[match[1]], id, sharer: match[3] ?? null }
}

/** The path a share opens: the page, its own query (id or slug), then `s` (sharer) and `ch` (channel). */
export function sharePath(
  target: ShareTarget,
  pageQuery: Record<string, string | number>,
  sharer: string | null,
  channel: ShareChannel,
): string {
  return `/${SHARE_PAGES[target]}?${shareQuery(pageQuery, sharer, channel)}`
}

/** The query part alone (onShareTimeline takes a query, not a path). */
export function shareQuery(
  pageQuery: Record<string, string | number>,
  sharer: string | null,
  channel: ShareChannel,
): string {
  const parts = Object.entries(pageQuery).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  if (sharer && isSharerCode(sharer)) parts.push(`s=${sharer}`)
  parts.push(`ch=${channel}`)
  return parts.join('&')
}

/** WeChat launch scenes that tell how a page was reached from a share. */
const CHANNEL_OF_SCENE: Record<number, ShareChannel> = {
  1007: 'friend', // a chat's mini-program card
  1008: 'group', // a group chat's card
  1044: 'group', // a group card with shareTicket
  1154: 'timeline', // Moments, single-page mode
  1155: 'timeline', // opened from the single-page view into the full mini-program
  1047: 'poster', // scanned a mini-program code
  1048: 'poster', // long-pressed a mini-program code
  1049: 'poster', // a mini-program code from the album
}

export interface ShareArrival {
  sharer: string
  channel: ShareChannel
}

/**
 * How a page was reached from a share, from its query (`s`, `ch`, or a poster's `scene`) and the launch scene; null
 * when it was not (no valid sharer). The launch scene wins over `ch`: a card sent to a friend and forwarded into a
 * group arrives as a group open.
 */
export function readShareArrival(query: Record<string, string | undefined>, launchScene?: number): ShareArrival | null {
  const fromCode = decodeScene(query.scene)
  const sharer = fromCode?.sharer ?? (isSharerCode(query.s) ? query.s : null)
  if (!sharer) return null
  const byScene = launchScene !== undefined ? CHANNEL_OF_SCENE[launchScene] : undefined
  const byQuery = (SHARE_CHANNELS as readonly string[]).includes(query.ch ?? '')
    ? (query.ch as ShareChannel)
    : undefined
  return { sharer, channel: fromCode ? 'poster' : (byScene ?? byQuery ?? 'friend') }
}
