import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CompareSelection } from '@/hooks/useCompare'
import { COMPARE_MAX, compareIds } from '@/utils/compare'
import { openPage } from '@/utils/nav'
import { COMPARE_PAGE } from '@/utils/paths'
import './index.css'

/**
 * The floating compare tray: a count badge that opens the picked models (remove, clear) and 开始对比. On a tab page in
 * H5 the tabBar is drawn over the page (in WeChat it is native, below the page), so the tray sits higher there.
 */
export default function CompareTray({ compare, tabPage = false }: { compare: CompareSelection; tabPage?: boolean }) {
  const [open, setOpen] = useState(false)
  const { items } = compare
  if (!items.length) return null
  const go = () => void openPage(`${COMPARE_PAGE}?ids=${compareIds(items)}`)
  return (
    <View
      className={`compare-tray${tabPage && process.env.TARO_ENV === 'h5' ? ' compare-tray--above-tabbar' : ''}`}
      data-testid="compare-tray"
    >
      {open ? (
        <View className="compare-tray__panel" data-testid="compare-panel">
          <View className="compare-tray__panel-head">
            <Text>
              已选 {items.length}/{COMPARE_MAX}
            </Text>
            <Text className="compare-tray__clear" data-testid="compare-clear" onClick={compare.clear}>
              清空
            </Text>
          </View>
          {items.map((item) => (
            <View key={item.id} className="compare-tray__item" data-testid="compare-item" data-id={item.id}>
              <Text className="compare-tray__model">{item.model}</Text>
              <Text
                className="compare-tray__remove"
                data-testid="compare-remove"
                onClick={() => compare.remove(item.id)}
              >
                移除
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="compare-tray__bar">
        <View className="compare-tray__toggle" data-testid="compare-toggle" onClick={() => setOpen(!open)}>
          <Text>对比</Text>
          <Text className="compare-tray__badge" data-testid="compare-count">
            {items.length}
          </Text>
          <Text className="compare-tray__caret">{open ? '▾' : '▴'}</Text>
        </View>
        <Text
          className={`compare-tray__go${items.length < 2 ? ' compare-tray__go--off' : ''}`}
          data-testid="compare-go"
          onClick={() => (items.length >= 2 ? go() : undefined)}
        >
          {items.length < 2 ? '再选 1 个' : '开始对比'}
        </Text>
      </View>
    </View>
  )
}
