import { Text, View } from '@tarojs/components'
import type { PagedList } from '@/hooks/usePagedList'
import './index.css'

type Props = Pick<PagedList<unknown>, 'loadingMore' | 'loadMoreFailed' | 'hasMore' | 'loadMore'>

/** The end of an infinite-scroll list: 加载中…, a retry after a failed page, 上拉加载更多 or 没有更多了. */
export default function ListFooter({ loadingMore, loadMoreFailed, hasMore, loadMore }: Props) {
  return (
    <View className="list-footer">
      {loadingMore ? (
        <Text>加载中…</Text>
      ) : loadMoreFailed ? (
        <Text className="list-footer__retry" onClick={() => void loadMore()}>
          加载失败，点击重试
        </Text>
      ) : hasMore ? (
        <Text>上拉加载更多</Text>
      ) : (
        <Text>没有更多了</Text>
      )}
    </View>
  )
}
