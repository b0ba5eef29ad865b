import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { COMPARE_MAX, loadCompare, saveCompare, toggleCompare, type CompareItem } from '@/utils/compare'

export interface CompareSelection {
  items: CompareItem[]
  has: (id: number) => boolean
  /** Adds or removes; toasts when already full. */
  toggle: (item: CompareItem) => void
  remove: (id: number) => void
  clear: () => void
}

/** The compare selection, read from storage again whenever the page shows (another page may have changed it). */
export function useCompare(): CompareSelection {
  const [items, setItems] = useState<CompareItem[]>(loadCompare)
  useDidShow(() => setItems(loadCompare()))

  const write = useCallback((list: CompareItem[]) => {
    saveCompare(list)
    setItems(list)
  }, [])

  const toggle = useCallback(
    (item: CompareItem) => {
      const { list, full } = toggleCompare(loadCompare(), item)
      if (full) {
        void Taro.showToast({ title: `最多对比 ${COMPARE_MAX} 个产品`, icon: 'none' })
        return
      }
      write(list)
    },
    [write],
  )
  const remove = useCallback((id: number) => write(loadCompare().filter((i) => i.id !== id)), [write])
  const clear = useCallback(() => write([]), [write])
  return { items, has: (id) => items.some((i) => i.id === id), toggle, remove, clear }
}
