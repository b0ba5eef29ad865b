import Taro from '@tarojs/taro'
import { PRODUCT_LIMITS } from '@chuangan/shared/limits'

/** The products picked for compare: kept on this phone, so the selection survives a reload. */
const KEY = 'chuangan.compare'
export const COMPARE_MAX = PRODUCT_LIMITS.compare

export interface CompareItem {
  id: number
  model: string
}

const isItem = (v: unknown): v is CompareItem =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as CompareItem).id) &&
  (v as CompareItem).id > 0 &&
  typeof (v as CompareItem).model === 'string'

export function loadCompare(): CompareItem[] {
  try {
    const stored: unknown = Taro.getStorageSync(KEY)
    if (!Array.isArray(stored)) return []
    const seen = new Set<number>()
    return stored
      .filter((v): v is CompareItem => isItem(v) && !seen.has(v.id) && Boolean(seen.add(v.id)))
      .slice(0, COMPARE_MAX)
  } catch {
    return []
  }
}

export function saveCompare(list: CompareItem[]): void {
  try {
    if (list.length) Taro.setStorageSync(KEY, list)
    else Taro.removeStorageSync(KEY)
  } catch {
    // storage full or unavailable: the selection lives for this session
  }
}

/** The list with the product added (at the end) or removed; `full` when it could not be added. */
export function toggleCompare(list: CompareItem[], item: CompareItem): { list: CompareItem[]; full: boolean } {
  if (list.some((i) => i.id === item.id)) return { list: list.filter((i) => i.id !== item.id), full: false }
  if (list.length >= COMPARE_MAX) return { list, full: true }
  return { list: [...list, { id: item.id, model: item.model }], full: false }
}

export const compareIds = (list: CompareItem[]) => list.map((i) => i.id).join(',')
