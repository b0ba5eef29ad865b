import { useEffect } from 'react'
import { ContentErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import ArticleList from '@/components/ArticleList'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { useFeed } from '@/hooks/useFeed'
import { useResource } from '@/hooks/useResource'
import { mediaUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { columnUrl, conversationUrl } from '@/utils/paths'
import { signInFirst } from '@/auth/signIn'
import { blockedInSinglePage } from '@/utils/nav'
import { pageId } from '@/share/record'
import { usePageShare, useShareArrival } from '@/share/usePageShare'
import FollowButton from '../components/FollowButton'
import LoginSheet from '../article/LoginSheet'
import '../components/entity.css'

const fetchAuthor = (id: string) => call('author', { params: { id } })

/** 私信: signs in first (the sheet below in H5), then opens the conversation with this author. */
async function writeTo(authorId: number): Promise<void> {
  if (blockedInSinglePage()) return
  try {
    await signInFirst()
  } catch (error) {
    showErrorToast(error)
    return
  }
  await openPage(conversationUrl(authorId))
}

export default function AuthorPage() {
  const { params } = useRouter()
  const id = pageId(params, 'author')
  const author = useResource(id, fetchAuthor, ContentErrors.AUTHOR_NOT_FOUND)
  const feed = useFeed(id ? { author: Number(id) } : null)
  const profile = author.state.status === 'ready' ? author.state.data : null

  useEffect(() => {
    if (profile) void Taro.setNavigationBarTitle({ title: profile.name })
  }, [profile])

  useShareArrival('author', id ? Number(id) : null)
  // chats get WeChat's screenshot of the header (a square avatar cropped to 5:4 loses the face); Moments the avatar
  usePageShare({
    type: 'author',
    id: id ? Number(id) : null,
    pageQuery: id ? { id } : {},
    title: profile ? `${profile.name}｜传感说作者` : '传感说',
    squareImage: profile?.avatar ? mediaUrl(profile.avatar) : undefined,
  })

  usePullDownRefresh(() => {
    void Promise.allSettled([author.reload(), feed.reload()]).then(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void feed.loadMore()
  })

  const { state } = author
  if (state.status === 'loading') return <Skeleton className="entity-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={ContentErrors.AUTHOR_NOT_FOUND.message} />
  if (state.status === 'error') {
    const retry = () => void Promise.allSettled([author.reload(), feed.reload()])
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={retry} />
  }

  const data = state.data
  const avatar = mediaUrl(data.avatar)
  return (
    <View className="entity-page author-page">
      <View className="entity-head">
        <View className="entity-head__row">
          {avatar ? (
            <Image className="entity-head__avatar" src={avatar} mode="aspectFill" />
          ) : (
            <View className="entity-head__avatar entity-head__avatar--text">{data.name.slice(0, 1)}</View>
          )}
          <View className="entity-head__info">
            <View>
              <Text className="entity-head__name author-page__name">{data.name}</Text>
              {data.verified ? <Text className="entity-head__badge">认证</Text> : null}
            </View>
            <Text className="entity-head__stat">{data.articleCount} 篇文章</Text>
          </View>
          <View className="author-page__actions">
            <FollowButton kind="author" id={data.id} showCount />
            <View
              className="author-page__message"
              data-testid="author-message"
              hoverClass="author-page__message--hover"
              onClick={() => void writeTo(data.id)}
            >
              <Text>私信</Text>
            </View>
          </View>
        </View>
        {data.bio ? <Text className="entity-head__desc">{data.bio}</Text> : null}
        {data.columns.length ? (
          <View className="entity-head__chips">
            {data.columns.map((c) => (
              <Text key={c.id} className="entity-head__chip" onClick={() => openPage(columnUrl(c.slug))}>
                专栏 · {c.name}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <Text className="entity-list-title">全部文章</Text>
      <ArticleList feed={feed} emptyText="这位作者还没有发表文章" />
      <LoginSheet hint="登录后即可关注作者、给作者发私信" />
    </View>
  )
}
