import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { ArticleCard } from '@chuangan/shared'
import ArticleList from '@/components/ArticleList'
import { call } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import SignedIn from '../components/SignedIn'

function MyLikes() {
  const list = usePagedList<ArticleCard>('my-likes', async (cursor) => {
    const page = await call('myLikes', { query: { limit: PAGE_SIZE, cursor } })
    return { items: page.items.map((item) => item.article), nextCursor: page.nextCursor }
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  return <ArticleList feed={list} emptyText="还没有点赞过文章" emptyHint="读到好文章，点个赞吧" />
}

/** 我的点赞: the articles I liked, newest like first. */
export default function MyLikesPage() {
  return (
    <SignedIn>
      <MyLikes />
    </SignedIn>
  )
}
