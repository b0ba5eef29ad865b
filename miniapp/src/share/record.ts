import type { ShareTargetRef } from '@chuangan/shared'
import { type SceneTarget, type ShareChannel, decodeScene, readShareArrival } from '@chuangan/shared/share'
import { call } from '@/api/client'
import { getSession } from '@/auth/session'
import { param } from '@/utils/nav'
import { readerId } from '@/utils/reader'

/** My code for share paths and poster scenes; null when signed out (a share then carries no sharer). */
export function mySharerCode(): string | null {
  // a session stored before share codes existed has none
  return getSession()?.user.shareCode ?? null
}

/** A page's query with every value decoded (H5 hands them over still encoded). */
export function decodedParams(params: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, param(value)]))
}

/**
 * The numeric id a page shows: its `?id=`, or else a mini-program code's `?scene=` naming this kind of page (a
 * poster opens the article page with the scene alone). Null when neither gives a valid id.
 */
export function pageId(params: Record<string, string | undefined>, target: SceneTarget): string | null {
  const raw = param(params.id)
  if (raw !== undefined) return /^\d+$/.test(raw) ? raw : null
  const code = decodeScene(params.scene)
  return code?.target === target ? String(code.id) : null
}

/** Records that I shared a page (signed-in readers only); fire-and-forget, a failure is ignored. */
export function recordShare(target: ShareTargetRef, channel: ShareChannel): void {
  if (!getSession()) return
  call('recordShare', { body: { target, channel } }).catch(() => undefined)
}

/**
 * Records that this page was opened from someone's share, when its query says so (`s` and `ch`, or a poster's
 * `scene`); public, sent with the anonymous reader id (the server counts each reader once per share and ignores a
 * sharer opening their own share). Fire-and-forget; returns whether an open was sent.
 */
export function recordShareOpen(
  target: ShareTargetRef,
  params: Record<string, string | undefined>,
  scene: number | undefined,
): boolean {
  const arrival = readShareArrival(decodedParams(params), scene)
  if (!arrival) return false
  const known = scene !== undefined && scene >= 1000 && scene <= 9999
  call('recordShareOpen', {
    body: { target, sharer: arrival.sharer, channel: arrival.channel, ...(known ? { scene } : {}) },
    header: { 'X-Reader-Id': readerId() },
  }).catch(() => undefined)
  return true
}
