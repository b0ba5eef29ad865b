import { modelKeyOf } from '@chuangan/shared'

/**
 * Model numbers in free text, one rule for everyone who looks for them: search reads a query with it, 文中相关产品
 * (mentions/) finds the models an article names. Kept here, beside the products whose `modelKey` it is compared
 * with, so that features on the floor above catalog share it without importing each other.
 */

const NEEDS_FOLDING = /[\uff01-\uff5e\s]/

/** Full-width ASCII (Ａ, ０, －, （) to half-width, ideographic space to space, lower case, one space between words. */
export function normalize(text: string): string {
  // Most words (every one of a segmented Chinese text) have nothing to fold but case.
  if (!NEEDS_FOLDING.test(text)) return text.toLowerCase()
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Latin/digit tokens of a text, lower case (`RS485`, `m18`, `pt100`, `load`); `.`, `-`, `/` inside keep a token whole. */
export function latinTokens(text: string): string[] {
  return normalize(text).match(/[a-z0-9]+(?:[.\-/][a-z0-9]+)*/g) ?? []
}

/** Looks like a model number: at least 3 characters with both a letter and a digit, or 4+ digits. */
export function looksLikeModel(token: string): boolean {
  const key = modelKeyOf(token)
  return (key.length >= 3 && /[A-Z]/.test(key) && /\d/.test(key)) || /^\d{4,}$/.test(key)
}

/** The model keys (`modelKeyOf`) of the tokens of a text that look like model numbers, once each, in order of first use. */
export function modelKeysIn(text: string): string[] {
  const keys = new Set<string>()
  for (const token of latinTokens(text)) {
    // `YB-983A/PT-561A` names two models: the whole token and each part between slashes are tried.
    const parts = token.includes('/') ? [token, ...token.split('/')] : [token]
    for (const part of parts) if (looksLikeModel(part)) keys.add(modelKeyOf(part))
  }
  return [...keys]
}
