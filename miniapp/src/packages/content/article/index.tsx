import { type ReactNode, useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Ad, Image, RichText, Text, View } from '@tarojs/components'
import type { AdView, ArticleDetail, ArticlePageView } from '@chuangan/shared'
import { ContentErrors } from '@chuangan/shared/errors'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { getSession } from '@/auth/session'
import { useResource } from '@/hooks/useResource'
import { formatCount, formatRelativeDate } from '@/utils/date'
import { mediaUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { isSinglePageMode } from '@/utils/scene'
import { PERIODICALS_PAGE, SEARCH_PAGE, authorUrl, columnUrl, tagUrl } from '@/utils/paths'
import { readerId } from '@/utils/reader'
import { withMediaUrls } from '@/utils/richText'
import { pageId } from '@/share/record'
import { usePageShare, useShareArrival } from '@/share/usePageShare'
import BriefList from '../components/BriefList'
import FollowButton from '../components/FollowButton'
import ArticleProducts from './ArticleProducts'
import Engagement, { type FirstLoad } from './Engagement'
import FollowAccount from './FollowAccount'
import './index.css'
import './below.css'

/** Bodies longer than this (plain-text characters) open folded behind 查看全文. */
export const COLLAPSE_BODY_OVER = 600

/** The article page route's answer, with whom it was made for: the reader signed in when asked (null: nobody). */
type Loaded = ArticlePageView & { userId: number | null }

/** The article, my state and the first 最热 comment page in one request. */
const fetchPage = async (id: string): Promise<Loaded> => {
  const userId = getSession()?.user.id ?? null
  const view = await call('articlePage', { params: { id } })
  // a session the server no longer knows gets the signed-out answer (no viewer state)
  return { ...view, userId: view.viewer ? userId : null }
}

function AdSlot({ ad }: { ad: AdView }) {
  if (process.env.TARO_ENV === 'weapp' && ad.wechatUnitId) {
    return (
      <View className="ad-slot">
        <Ad unitId={ad.wechatUnitId} />
      </View>
    )
  }
  const open = () => {
    const link = ad.linkUrl
    if (!link) return
    if (link.startsWith('/')) openPage(link)
    else void Taro.setClipboardData({ data: link })
  }
  return (
    <View className="ad-slot house-ad" data-ad={ad.id} hoverClass="house-ad--hover" onClick={open}>
      {ad.imageUrl ? <Image className="house-ad__image" src={mediaUrl(ad.imageUrl)} mode="aspectFill" /> : null}
      <View className="house-ad__bar">
        <Text className="house-ad__title">{ad.title}</Text>
        <Text className="house-ad__label">广告</Text>
      </View>
    </View>
  )
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <View className="section">
      <View className="section__head">
        <Text className="section__title">{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  )
}

function ArticleView({ article, first, reads }: { article: ArticleDetail; first: FirstLoad; reads: number }) {
  const [expanded, setExpanded] = useState(false)
  const collapsed = article.bodyLength > COLLAPSE_BODY_OVER && !expanded
  const nodes = useMemo(() => withMediaUrls(article.body), [article.body])
  const profile = article.authorProfile
  const avatar = mediaUrl(profile.avatar)

  // no action bar of ours in single-page mode: no room to keep for it
  return (
    <View className={`article${isSinglePageMode() ? ' article--single-page' : ''}`}>
      <View className="article-main">
        <Text className="article-title">{article.title}</Text>
        <View className="article-meta">
          <Text>{formatRelativeDate(article.publishedAt)}</Text>
          <Text className="article-meta__dot">·</Text>
          <Text className="article-reads">阅读 {formatCount(reads)}</Text>
          {article.column ? (
            <Text className="article-column" onClick={() => openPage(columnUrl(article.column!.slug))}>
              {article.column.name}
            </Text>
          ) : null}
        </View>

        <View className="author-card" hoverClass="author-card--hover" onClick={() => openPage(authorUrl(profile.id))}>
          {avatar ? (
            <Image className="author-card__avatar" src={avatar} mode="aspectFill" />
          ) : (
            <View className="author-card__avatar author-card__avatar--empty">{profile.name.slice(0, 1)}</View>
          )}
          <View className="author-card__info">
            <View className="author-card__line">
              <Text className="author-card__name one-line-title">{profile.name}</Text>
              {profile.verified ? <Text className="badge-verified">认证</Text> : null}
            </View>
            {profile.bio ? <Text className="author-card__bio">{profile.bio}</Text> : null}
          </View>
          <FollowButton kind="author" id={profile.id} className="author-card__follow" />
        </View>

        <View className={`article-body${collapsed ? ' article-body--collapsed' : ''}`}>
          <RichText nodes={nodes} />
          {collapsed ? <View className="article-body__fade" /> : null}
        </View>
        {collapsed ? (
          <View className="expand-body" hoverClass="expand-body--hover" onClick={() => setExpanded(true)}>
            <Text>查看全文</Text>
            <Text className="expand-body__arrow">⌄</Text>
          </View>
        ) : null}

        {article.tags.length ? (
          <View className="tag-chips">
            {article.tags.map((tag) => (
              <Text key={tag.id} className="tag-chip" data-name={tag.name} onClick={() => openPage(tagUrl(tag.name))}>
                # {tag.name}
              </Text>
            ))}
          </View>
        ) : null}

        <FollowAccount />
      </View>

      <ArticleProducts articleId={article.id} />

      {article.authorLatest.length ? (
        <Section title="作者最近更新">
          <BriefList items={article.authorLatest} itemClass="author-latest-item" />
        </Section>
      ) : null}

      <View
        className="periodical-entry"
        hoverClass="periodical-entry--hover"
        onClick={() => openPage(PERIODICALS_PAGE)}
      >
        <View className="periodical-entry__icon">刊</View>
        <View className="periodical-entry__text">
          <Text className="periodical-entry__title">期刊订阅</Text>
          <Text className="periodical-entry__desc">每期精选行业好文，装订成册</Text>
        </View>
        <Text className="periodical-entry__go">去看看</Text>
      </View>

      {article.related.length ? (
        <Section title="相关推荐">
          <BriefList items={article.related} itemClass="related-item" />
        </Section>
      ) : null}

      <Engagement article={article} first={first} />

      {article.ad ? <AdSlot ad={article.ad} /> : null}

      <View className="search-promo" hoverClass="search-promo--hover" onClick={() => openPage(SEARCH_PAGE)}>
        <View className="search-promo__text">
          <Text className="search-promo__title">传感搜</Text>
          <Text className="search-promo__desc">速览海量产品，精准对接供需</Text>
        </View>
        <Text className="search-promo__button">去搜索</Text>
      </View>
    </View>
  )
}

// May be opened from Moments in single-page mode: it loads without login, calls no navigation API on
// load, and every tap that would navigate or act (点赞, 评论, 收藏 …) shows a hint instead (utils/nav).
// A poster's mini-program code opens it with `?scene=` alone (the article and the sharer).
export default function ArticlePage() {
  const { params } = useRouter()
  const id = pageId(params, 'article')
  const { state, reload } = useResource(id, fetchPage, ContentErrors.ARTICLE_NOT_FOUND)
  const [reads, setReads] = useState<{ id: string; reads: number } | null>(null)

  // count the read once per page open; fire-and-forget, errors ignored
  useEffect(() => {
    if (!id) return
    call('readArticle', { params: { id }, header: { 'X-Reader-Id': readerId() } })
      .then((result) => setReads({ id, reads: result.reads }))
      .catch(() => undefined)
  }, [id])
  useShareArrival('article', id ? Number(id) : null)

  const article = state.status === 'ready' ? state.data.article : null
  useEffect(() => {
    if (article) void Taro.setNavigationBarTitle({ title: article.title })
  }, [article])

  // WeChat crops the cover to 5:4 in chats and 1:1 in Moments (the server keeps no cropped copies)
  const cover = article?.cover ? mediaUrl(article.cover) : undefined
  usePageShare({
    type: 'article',
    id: id ? Number(id) : null,
    pageQuery: id ? { id } : {},
    title: article?.title ?? '传感说',
    image: cover,
    squareImage: cover,
  })

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (state.status === 'loading') return <Skeleton className="article-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={ContentErrors.ARTICLE_NOT_FOUND.message} />
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  const { article: detail, ...first } = state.data
  const shownReads = reads && reads.id === id ? reads.reads : detail.counts.reads
  return <ArticleView article={detail} first={first} reads={shownReads} />
}
