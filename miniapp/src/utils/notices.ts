import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { NOTICE_BADGE_MAX } from '@chuangan/shared/limits'
import type { UnreadNotices } from '@chuangan/shared'
import { call } from '@/api/client'
import { getSession } from '@/auth/session'
import { isSinglePageMode } from './scene'

/** 我的 is the third tab (app.config.ts). */
export const ME_TAB_INDEX = 2

let unreadTotal = 0
const listeners = new Set<() => void>()

/** The badge text for a count: 1…99, then 99+. */
export function badgeText(total: number): string {
  return total > NOTICE_BADGE_MAX ? `${NOTICE_BADGE_MAX}+` : String(total)
}

/**
 * Shows the unread total as the badge on 我的 (none at 0). Not in single-page mode (no tabBar there). The promise of
 * Taro's H5 tabBar API never settles when no tabBar listens, and weapp may refuse on some pages: fire and forget.
 */
export function showUnread(total: number): void {
  unreadTotal = total
  for (const listener of listeners) listener()
  if (isSinglePageMode()) return
  try {
    const done =
      total > 0
        ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: badgeText(total) })
        : Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
    void Promise.resolve(done).catch(() => undefined)
  } catch {
    // no tabBar on this page or platform
  }
}

/** Asks the server for the unread counts (signed in only) and shows them; signed out, clears the badge. */
export async function refreshUnread(): Promise<void> {
  if (!getSession() || isSinglePageMode()) {
    if (unreadTotal !== 0) showUnread(0)
    return
  }
  try {
    showUnread(((await call('unreadNotices')) as UnreadNotices).total)
  } catch {
    // the badge waits for the next show
  }
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The unread total as last known, kept up to date (the 消息 entry on 我的). */
export function useUnreadTotal(): number {
  return useSyncExternalStore(subscribe, () => unreadTotal)
}
