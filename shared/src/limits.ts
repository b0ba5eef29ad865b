/**
 * Every length, size and count the contract enforces, with no zod: the schemas build on these, and the mini-program
 * imports this module alone (`@chuangan/shared/limits`) to check input before asking, without zod in its package.
 */

/** A reader's nickname, in characters once trimmed. */
export const NICKNAME_MAX_LENGTH = 20

/** A reader's avatar upload. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

/** A 收藏夹 name, in characters once trimmed. */
export const FOLDER_NAME_MAX_LENGTH = 20
/** 收藏夹 per reader (so also the folders one article can be put in). */
export const MAX_FOLDERS = 100

/** A comment, a reply or an author's reply, in characters once trimmed (at least one). */
export const COMMENT_MAX_LENGTH = 1000
/** Replies a thread brings with it in a comment page; 展开 loads the rest. */
export const FIRST_REPLIES = 3

/** A private message (私信), in characters once trimmed (at least one). */
export const MESSAGE_MAX_LENGTH = 500

/** Why a comment is reported (举报), in the order readers are offered them. */
export const REPORT_REASONS = ['spam', 'abuse', 'porn', 'illegal', 'misinformation', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
/** A report's optional note, in characters once trimmed. */
export const REPORT_NOTE_MAX_LENGTH = 200

/** A paged list's `limit`: 1 to PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT when omitted. */
export const PAGE_SIZE_MAX = 50
export const PAGE_SIZE_DEFAULT = 20
/** Threads in a page of an article's comments as the mini-program asks for them (and the article page route sends). */
export const COMMENT_PAGE_SIZE = 10
/** An opaque `cursor` (the nextCursor of the previous page). */
export const CURSOR_MAX_LENGTH = 200

/** The catalogue (传感搜): lengths in characters, as the database columns hold them. */
export const CATALOG_LIMITS = {
  supplierName: 64,
  supplierRegion: 32,
  supplierContact: 200,
  model: 64,
  productName: 120,
  brand: 64,
  categoryPath: 200,
  paramKey: 32,
  /** One enum or text value (a row of product_param). */
  paramValue: 64,
  description: 5000,
  url: 500,
  images: 20,
  priceBreaks: 20,
  /** Quantities, stock and MOQ stay within a 4-byte integer. */
  quantity: 1_000_000_000,
  /** The highest unit price in yuan (its fen fit a 4-byte integer). */
  price: 10_000_000,
  leadTimeDays: 3650,
} as const

/** 传感搜 requests. */
export const SEARCH_LIMITS = {
  /** Characters of a query. */
  query: 100,
  /** Filters of one kind in one request, and characters of one. */
  filters: 20,
  filter: 80,
  cursor: 40,
  suggestions: 10,
  /** How deep a result list pages: past this, a narrower query. */
  maxOffset: 1000,
} as const

/** Product page, supplier page and compare (传感搜 2). */
export const PRODUCT_LIMITS = {
  /** Products compared side by side. */
  compare: 4,
  /** Alternatives listed on a product page. */
  alternatives: 10,
  /** Candidates read from search before alternatives are checked for compatibility and ranked. */
  alternativeCandidates: 200,
} as const
/** 文中相关产品: products an article page lists (models it names first, then products of its tags' categories). */
export const ARTICLE_PRODUCTS_MAX = 8
/** Model numbers kept per article (the first ones its text names); more are not looked up. */
export const ARTICLE_MODEL_KEYS_MAX = 100

/** 消息 (in-app notices): how much of a comment a notice quotes, in characters. */
export const NOTICE_EXCERPT_LENGTH = 60
/** The tab-bar badge shows at most this, then `99+`. */
export const NOTICE_BADGE_MAX = 99

/**
 * 询价 (inquiries): the buyer's request and the supplier's answer. Prices in yuan (stored in fen), at most two
 * decimals; a deadline is a calendar date, today at the earliest (China time) and at most a year ahead.
 */
export const INQUIRY_LIMITS = {
  /** The buyer's note and the supplier's answer note, in characters once trimmed. */
  note: 500,
  quantityMax: 100_000_000,
  /** A unit price in yuan. */
  priceMax: 10_000_000,
  leadTimeDaysMax: 365,
  deadlineDaysMax: 366,
  contact: 40,
} as const

/** A mainland mobile number (11 digits from 13…19) or a landline with its area code (010-12345678). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/
/** A WeChat id as WeChat allows it: 6 to 20 letters, digits, - and _, starting with a letter. */
export const WECHAT_ID_PATTERN = /^[A-Za-z][-_A-Za-z0-9]{5,19}$/

/** Which kind of contact a buyer typed (spaces ignored), or null when it is neither. */
export function contactKind(value: string): 'phone' | 'wechat' | null {
  const v = value.replace(/\s+/g, '')
  if (PHONE_PATTERN.test(v)) return 'phone'
  if (WECHAT_ID_PATTERN.test(v)) return 'wechat'
  return null
}

/** 订阅的搜索 (saved searches): how many a buyer keeps and how long a name is. */
export const SAVED_SEARCH_LIMITS = {
  perUser: 20,
  name: 30,
} as const

/** 求购 demands (docs/demands.md). */
export const DEMAND_LIMITS = {
  /** Characters of a buyer's note and of a supplier's answer. */
  note: 500,
  /** Characters of a contact (phone or WeChat id). */
  contact: 40,
  /** How far ahead a deadline may be, in days. */
  maxDays: 180,
  quantity: 1_000_000_000,
  /** The highest answered unit price in yuan (its fen fit a 4-byte integer). */
  price: 10_000_000,
} as const

/**
 * Widths (px) of the sized variants the server makes of stored images (`GET /api/images?src=&w=`), for thumbnails on
 * list pages: a list asks for the smallest width that covers its box in device pixels (the mini-program's `thumbUrl`).
 * About 1.2× apart, so the chosen variant is at most ≈ 1.5× the box's area; any other width is refused, so an image
 * has at most this many variants.
 */
export const IMAGE_VARIANT_WIDTHS = [40, 48, 64, 80, 96, 120, 144, 176, 208, 240, 288, 360] as const
export type ImageVariantWidth = (typeof IMAGE_VARIANT_WIDTHS)[number]
