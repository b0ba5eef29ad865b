import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { ArticleCard, FolderView } from '@chuangan/shared'
import { FavoriteErrors } from '@chuangan/shared/errors'
import ArticleList from '@/components/ArticleList'
import Sheet from '@/components/Sheet'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { useStableCallback } from '@/hooks/useStableCallback'
import { param } from '@/utils/nav'
import SignedIn from '../components/SignedIn'
import '../me.css'

/** Another of my folders to move an article into. Mounted per use. */
function MoveSheet({ from, onClose, onPick }: { from: number; onClose: () => void; onPick: (f: FolderView) => void }) {
  const [folders, setFolders] = useState<FolderView[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call('folders')
      .then((list) => setFolders(list.items.filter((f) => f.id !== from)))
      .catch(setError)
  }, [from])
  return (
    <Sheet open onClose={onClose} title="移动到" className="move-sheet">
      <ScrollView className="move-sheet__list" scrollY>
        {error ? (
          <Text className="move-sheet__state">{errorMessage(error)}</Text>
        ) : !folders ? (
          <Text className="move-sheet__state">加载中…</Text>
        ) : folders.length === 0 ? (
          <Text className="move-sheet__state">没有其他收藏夹，先在「我的收藏」新建一个</Text>
        ) : (
          folders.map((f) => (
            <View
              key={f.id}
              className="move-option"
              data-testid="move-option"
              data-id={f.id}
              data-name={f.name}
              onClick={() => onPick(f)}
            >
              <Text className="move-option__name">{f.name}</Text>
              <Text className="move-option__count">{f.count} 篇</Text>
            </View>
          ))
        )}
      </ScrollView>
    </Sheet>
  )
}

function FolderItems({ id }: { id: number }) {
  const [folder, setFolder] = useState<FolderView | null>(null)
  const [moving, setMoving] = useState<ArticleCard | null>(null)
  const list = usePagedList<ArticleCard>(`folder:${id}`, async (cursor) => {
    const page = await call('folderItems', { params: { id }, query: { limit: PAGE_SIZE, cursor } })
    setFolder(page.folder)
    return { items: page.items.flatMap((item) => (item.article ? [item.article] : [])), nextCursor: page.nextCursor }
  })

  useEffect(() => {
    if (folder) void Taro.setNavigationBarTitle({ title: folder.name })
  }, [folder])
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  const drop = (articleId: number) => {
    list.update((items) => items.filter((a) => a.id !== articleId))
    setFolder((f) => (f ? { ...f, count: Math.max(0, f.count - 1) } : f))
  }

  const move = async (article: ArticleCard, to: FolderView) => {
    setMoving(null)
    try {
      await call('moveFavorite', { body: { articleId: article.id, from: id, to: to.id } })
      drop(article.id)
      void Taro.showToast({ title: `已移动到「${to.name}」`, icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  /** Out of this folder only: the article stays in my other folders (the API takes the exact set). */
  const remove = async (article: ArticleCard) => {
    try {
      const { folderIds } = await call('viewerState', { params: { id: article.id } })
      await call('collectArticle', {
        params: { id: article.id },
        body: { folderIds: folderIds.filter((f) => f !== id) },
      })
      drop(article.id)
      void Taro.showToast({ title: '已移出收藏夹', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const more = async (article: ArticleCard) => {
    let tapIndex: number
    try {
      tapIndex = (await Taro.showActionSheet({ itemList: ['移动到其他收藏夹', '移出收藏夹'] })).tapIndex
    } catch {
      return // dismissed
    }
    if (tapIndex === 0) setMoving(article)
    else if (tapIndex === 1) void remove(article)
  }
  const onMore = useStableCallback((article: ArticleCard) => void more(article))

  return (
    <View className="me-list-page">
      {folder ? (
        <View className="me-toolbar">
          <Text className="me-toolbar__title one-line-title folder-title">{folder.name}</Text>
          <Text className="me-toolbar__meta">{folder.count} 篇文章</Text>
        </View>
      ) : null}
      <ArticleList feed={list} emptyText="收藏夹里还没有文章" emptyHint="在文章底部点「收藏」放进来" onMore={onMore} />
      {moving ? <MoveSheet from={id} onClose={() => setMoving(null)} onPick={(to) => void move(moving, to)} /> : null}
    </View>
  )
}

/** One folder's articles, newest collected first, with 移动 / 移出 on each. */
export default function FolderPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null
  return (
    <SignedIn>{id ? <FolderItems id={id} /> : <StatusView title={FavoriteErrors.FOLDER_NOT_FOUND.message} />}</SignedIn>
  )
}
