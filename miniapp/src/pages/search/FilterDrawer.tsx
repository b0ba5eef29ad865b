import { useEffect, useState } from 'react'
import { Input, ScrollView, Text, View } from '@tarojs/components'
import type { SearchFacets } from '@chuangan/shared'
import { call } from '@/api/client'
import { searchQuery, toggle, toggleEnum, NO_FILTERS, type SearchFilters, type SearchRequest } from './query'

interface Props {
  request: SearchRequest
  /** The counts of the search shown (null while its first page loads). */
  facets: SearchFacets | null
  total: number | null
  onApply: (filters: SearchFilters) => void
  onClose: () => void
}

/** How long the drawer waits after a change before it counts again. */
const RECOUNT_DELAY_MS = 250

/**
 * H5 draws its tabBar over the page (WeChat's is native, outside it); inline, so that pxtransform leaves Taro's own
 * height variable alone.
 */
const ABOVE_H5_TABBAR = process.env.TARO_ENV === 'h5' ? { bottom: 'var(--taro-tabbar-height, 50px)' } : undefined

type Counts = { facets: SearchFacets | null; total: number | null }

/**
 * Recounts the matches of the drawer's draft, so each facet shows what a tap would leave (Digi-Key style); until
 * the first recount, and when one fails, the shown search's counts stand.
 */
function useDraftCounts(request: SearchRequest, draft: SearchFilters, shown: Counts): Counts {
  const [counted, setCounted] = useState<{ key: string; counts: Counts } | null>(null)
  const key = JSON.stringify(draft)
  const unchanged = key === JSON.stringify(request.filters)
  useEffect(() => {
    if (unchanged) return
    let live = true
    const timer = setTimeout(() => {
      call('search', { query: searchQuery({ ...request, filters: draft }, 1) })
        .then((res) => live && setCounted({ key, counts: { facets: res.facets, total: res.total } }))
        .catch(() => undefined)
    }, RECOUNT_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // the draft is fully described by its key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, unchanged])
  if (unchanged) return shown
  return counted?.key === key ? counted.counts : (counted?.counts ?? shown)
}

function Option({
  label,
  count,
  active,
  testId,
  onTap,
}: {
  label: string
  count?: number
  active: boolean
  testId: string
  onTap: () => void
}) {
  return (
    <View
      className={`facet-option${active ? ' facet-option--active' : ''}${count === 0 && !active ? ' facet-option--none' : ''}`}
      data-testid={testId}
      data-value={label}
      data-count={count ?? ''}
      onClick={onTap}
    >
      <Text className="facet-option__label">{label}</Text>
      {count !== undefined ? <Text className="facet-option__count">{count}</Text> : null}
    </View>
  )
}

/** The filter drawer: category, enum values and regions with counts, ranges with their unit, 有货. */
export default function FilterDrawer({ request, facets, total, onApply, onClose }: Props) {
  const [draft, setDraft] = useState<SearchFilters>(request.filters)
  const counts = useDraftCounts(request, draft, { facets, total })
  const shown = counts.facets

  const categories = shown?.categories ?? []
  const selectedCategory = draft.category
  const categoryOptions =
    selectedCategory && !categories.some((c) => c.id === selectedCategory.id)
      ? [{ ...selectedCategory, path: selectedCategory.name, count: 0 }, ...categories]
      : categories

  return (
    <View className="filter-root" style={ABOVE_H5_TABBAR}>
      <View className="filter-mask" catchMove onClick={onClose} />
      <View className="filter-drawer" data-testid="filter-drawer">
        <View className="filter-drawer__head">
          <Text className="filter-drawer__title">筛选</Text>
          <Text className="filter-drawer__close" aria-label="关闭" onClick={onClose}>
            ✕
          </Text>
        </View>
        <ScrollView className="filter-drawer__body" scrollY>
          {categoryOptions.length ? (
            <View className="facet" data-testid="facet-category">
              <Text className="facet__title">产品分类</Text>
              <View className="facet__options">
                {categoryOptions.map((c) => (
                  <Option
                    key={c.id}
                    label={c.name}
                    count={c.count}
                    active={selectedCategory?.id === c.id}
                    testId="facet-category-option"
                    onTap={() =>
                      setDraft({
                        ...draft,
                        category: selectedCategory?.id === c.id ? null : { id: c.id, name: c.name },
                      })
                    }
                  />
                ))}
              </View>
            </View>
          ) : null}

          {(shown?.params ?? []).map((facet) =>
            facet.kind === 'enum' ? (
              <View key={facet.key} className="facet" data-testid="facet-enum" data-key={facet.key}>
                <Text className="facet__title">{facet.key}</Text>
                <View className="facet__options">
                  {[
                    ...facet.values,
                    // a value picked that no longer matches still shows, so it can be unpicked
                    ...(draft.enums[facet.key] ?? [])
                      .filter((v) => !facet.values.some((fv) => fv.value === v))
                      .map((value) => ({ value, count: 0 })),
                  ].map((v) => (
                    <Option
                      key={v.value}
                      label={v.value}
                      count={v.count}
                      active={(draft.enums[facet.key] ?? []).includes(v.value)}
                      testId="facet-enum-option"
                      onTap={() => setDraft(toggleEnum(draft, facet.key, v.value))}
                    />
                  ))}
                </View>
              </View>
            ) : (
              <View key={facet.key} className="facet" data-testid="facet-range" data-key={facet.key}>
                <View className="facet__title-row">
                  <Text className="facet__title">{facet.key}</Text>
                  <Text className="facet__hint" data-testid="facet-range-span">
                    {facet.min} ~ {facet.max}
                    {facet.unit ?? ''}
                  </Text>
                </View>
                <View className="range-input">
                  {(['min', 'max'] as const).map((end, i) => (
                    <View key={end} className="range-input__cell">
                      {i === 1 ? <Text className="range-input__dash">~</Text> : null}
                      <View className="range-input__box">
                        <Input
                          className="range-input__field"
                          data-testid={`facet-range-${end}`}
                          type="digit"
                          placeholder={end === 'min' ? '最小' : '最大'}
                          value={draft.ranges[facet.key]?.[end] ?? ''}
                          onInput={(e) =>
                            setDraft({
                              ...draft,
                              ranges: {
                                ...draft.ranges,
                                [facet.key]: {
                                  min: draft.ranges[facet.key]?.min ?? '',
                                  max: draft.ranges[facet.key]?.max ?? '',
                                  unit: facet.unit,
                                  [end]: e.detail.value,
                                },
                              },
                            })
                          }
                        />
                      </View>
                    </View>
                  ))}
                  {facet.unit ? <Text className="range-input__unit">{facet.unit}</Text> : null}
                </View>
              </View>
            ),
          )}

          {shown?.regions.length ? (
            <View className="facet" data-testid="facet-region">
              <Text className="facet__title">供应商地区</Text>
              <View className="facet__options">
                {shown.regions.map((r) => (
                  <Option
                    key={r.value}
                    label={r.value}
                    count={r.count}
                    active={draft.regions.includes(r.value)}
                    testId="facet-region-option"
                    onTap={() => setDraft({ ...draft, regions: toggle(draft.regions, r.value) })}
                  />
                ))}
              </View>
            </View>
          ) : null}

          <View className="facet">
            <Text className="facet__title">库存</Text>
            <View className="facet__options">
              <Option
                label="有货"
                count={shown?.inStock}
                active={draft.inStock}
                testId="facet-in-stock"
                onTap={() => setDraft({ ...draft, inStock: !draft.inStock })}
              />
            </View>
          </View>
        </ScrollView>
        <View className="filter-drawer__foot">
          <View className="filter-drawer__reset" data-testid="filter-reset" onClick={() => setDraft(NO_FILTERS)}>
            重置
          </View>
          <View className="filter-drawer__apply" data-testid="filter-apply" onClick={() => onApply(draft)}>
            {counts.total === null ? '确定' : `查看 ${counts.total} 件`}
          </View>
        </View>
      </View>
    </View>
  )
}
