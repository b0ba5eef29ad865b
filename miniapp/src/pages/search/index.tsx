import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { CategoryRef, CategoryTreeNode, ProductCard, SearchSort, Suggestion } from '@chuangan/shared'
import { call, showErrorToast } from '@/api/client'
import { signInFirst } from '@/auth/signIn'
import CompareTray from '@/components/CompareTray'
import { useCompare } from '@/hooks/useCompare'
import { useResource } from '@/hooks/useResource'
import { useStableCallback } from '@/hooks/useStableCallback'
import { openPage } from '@/utils/nav'
import { productUrl } from '@/utils/paths'
import { takePendingSearch } from '@/utils/savedSearch'
import FilterDrawer from './FilterDrawer'
import {
  NO_FILTERS,
  requestOfSaved,
  savedQueryOf,
  savedSearchName,
  type SearchFilters,
  type SearchRequest,
} from './query'
import { loadRecent, saveRecent, withRecent } from './recent'
import Results from './Results'
import SearchHome from './SearchHome'
import { useSearch } from './useSearch'
import { useSuggestions } from './useSuggestions'
import './index.css'

const fetchHot = () => call('searchHot')
const fetchCategories = () => call('categories')

/** A category's name by id in the tree, or null. */
function categoryName(nodes: CategoryTreeNode[], id: number): string | null {
  for (const node of nodes) {
    if (node.id === id) return node.name
    const found = categoryName(node.children, id)
    if (found) return found
  }
  return null
}

const SUGGESTION_KIND: Record<Suggestion['kind'], string> = { model: '型号', word: '产品', category: '分类' }

/** 传感搜: the search box with suggestions; before a search hot and recent searches and categories, then results. */
export default function SearchPage() {
  // Opened for the first time from 订阅的搜索: the saved search is the page's first state, so the search box renders
  // with its text (set after the first render, H5's input component could be asked for its value before it has one).
  const [opened] = useState(takePendingSearch)
  const [text, setText] = useState(opened?.q ?? '')
  /** True from the first keystroke until a search starts: suggestions show instead of the page below. */
  const [typing, setTyping] = useState(false)
  // (The category's name is not known before the tree loads, as when useDidShow below runs early.)
  const [request, setRequest] = useState<SearchRequest | null>(() => (opened ? requestOfSaved(opened, null) : null))
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [recent, setRecent] = useState<string[]>(loadRecent)
  /** The request saved (订阅) in this visit, so the button says 已订阅 until the search changes. */
  const [subscribed, setSubscribed] = useState<SearchRequest | null>(null)

  const hot = useResource('hot', fetchHot)
  const categories = useResource('categories', fetchCategories)
  const search = useSearch(request)
  const suggestions = useSuggestions(text, typing)

  const start = (next: SearchRequest) => {
    setTyping(false)
    setDrawerOpen(false)
    setRequest(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  const searchFor = (q: string) => {
    const words = q.trim()
    setText(words)
    if (words) {
      const list = withRecent(recent, words)
      setRecent(list)
      saveRecent(list)
    }
    start({ q: words, sort: 'relevance', filters: NO_FILTERS })
  }

  const browseCategory = (category: Pick<CategoryRef, 'id' | 'name'>) => {
    setText('')
    start({ q: '', sort: 'relevance', filters: { ...NO_FILTERS, category: { id: category.id, name: category.name } } })
  }

  const pickSuggestion = (s: Suggestion) => {
    if (s.kind === 'category' && s.id !== undefined)
      browseCategory({ id: s.id, name: s.text.split('/').pop() ?? s.text })
    else searchFor(s.text)
  }

  const cancel = () => {
    setText('')
    setTyping(false)
    setRequest(null)
  }

  const clearRecent = () => {
    setRecent([])
    saveRecent([])
  }

  // Shown again from 订阅的搜索: search with the saved query and filters.
  useDidShow(() => {
    const saved = takePendingSearch()
    if (!saved) return
    const tree = categories.state.status === 'ready' ? categories.state.data.items : []
    setText(saved.q)
    start(requestOfSaved(saved, saved.category !== undefined ? categoryName(tree, saved.category) : null))
  })

  const subscribe = async () => {
    if (!request) return
    try {
      await signInFirst()
      await call('saveSearch', { body: { name: savedSearchName(request), query: savedQueryOf(request) } })
      setSubscribed(request)
      void Taro.showToast({ title: '已订阅，有新产品会通知你', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const setSort = (sort: SearchSort) => request && start({ ...request, sort })
  const setFilters = (filters: SearchFilters) => request && start({ ...request, filters })
  const openProduct = useStableCallback((id: number) => void openPage(productUrl(id)))
  const compare = useCompare()
  const toggleCompare = useStableCallback((p: ProductCard) => compare.toggle({ id: p.id, model: p.model }))

  usePullDownRefresh(() => {
    const jobs = request ? [search.list.reload()] : [hot.reload(), categories.reload()]
    void Promise.allSettled(jobs).then(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    if (request) void search.list.loadMore()
  })

  const showSuggestions = typing && text.trim() !== ''

  return (
    <View className="search-page">
      <View className="search-bar">
        <View className="search-box">
          <View className="search-box__icon" />
          <Input
            className="search-box__input"
            data-testid="search-input"
            value={text}
            confirmType="search"
            placeholder="型号、产品名或参数，如 压力变送器 4-20mA"
            placeholderClass="search-box__placeholder"
            maxlength={100}
            onInput={(e) => {
              setText(e.detail.value)
              setTyping(true)
            }}
            onConfirm={(e) => searchFor(e.detail.value)}
          />
          {text ? (
            <Text
              className="search-box__clear"
              data-testid="search-clear"
              aria-label="清除"
              onClick={() => {
                setText('')
                setTyping(true)
              }}
            >
              ✕
            </Text>
          ) : null}
        </View>
        {request || typing ? (
          <Text className="search-bar__action" data-testid="search-cancel" onClick={cancel}>
            取消
          </Text>
        ) : (
          <Text
            className="search-bar__action search-bar__action--go"
            data-testid="search-go"
            onClick={() => searchFor(text)}
          >
            搜索
          </Text>
        )}
      </View>

      {showSuggestions ? (
        <View className="suggestions" data-testid="suggestions">
          <View className="suggestion" data-testid="suggestion-query" onClick={() => searchFor(text)}>
            <Text className="suggestion__kind">搜索</Text>
            <Text className="suggestion__text">“{text.trim()}”</Text>
          </View>
          {suggestions.map((s) => (
            <View
              key={`${s.kind}:${s.text}`}
              className="suggestion"
              data-testid="suggestion"
              data-kind={s.kind}
              data-text={s.text}
              onClick={() => pickSuggestion(s)}
            >
              <Text className={`suggestion__kind suggestion__kind--${s.kind}`}>{SUGGESTION_KIND[s.kind]}</Text>
              <Text className="suggestion__text">{s.text}</Text>
            </View>
          ))}
        </View>
      ) : request ? (
        <Results
          request={request}
          search={search}
          onSort={setSort}
          onFilters={setFilters}
          onOpenFilters={() => setDrawerOpen(true)}
          onSearch={searchFor}
          onCategory={browseCategory}
          onOpen={openProduct}
          inCompare={compare.has}
          onCompare={toggleCompare}
          onSubscribe={() => void subscribe()}
          subscribed={subscribed === request}
        />
      ) : (
        <SearchHome
          hot={hot.state}
          categories={categories.state}
          recent={recent}
          onSearch={searchFor}
          onCategory={browseCategory}
          onClearRecent={clearRecent}
          onRetryCategories={() => void categories.reload()}
        />
      )}

      {!showSuggestions && !drawerOpen ? <CompareTray compare={compare} tabPage /> : null}

      {drawerOpen && request ? (
        <FilterDrawer
          request={request}
          facets={search.summary?.facets ?? null}
          total={search.summary?.total ?? null}
          onApply={setFilters}
          onClose={() => setDrawerOpen(false)}
        />
      ) : null}
    </View>
  )
}
