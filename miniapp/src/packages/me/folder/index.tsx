import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { ArticleCard, FolderItem, FolderView, ProductCard } from '@chuangan/shared'
import { FavoriteErrors } from '@chuangan/shared/errors'
import ArticleCardView from '@/components/ArticleCard'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import Sheet from '@/components/Sheet'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { useStableCallback } from '@/hooks/useStableCallback'
import { openPage, param } from '@/utils/nav'
import { articleUrl, productUrl } from '@/utils/paths'
import ProductItem from '@/pages/search/ProductItem'
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
              <Text className="move-option__count">{f.count} 项</Text>
            </View>
          ))
        )}
      </ScrollView>
    </Sheet>
  )
}

/** A folder item's key in the list (articles and products share it). */
const keyOf = (item: FolderItem) => (item.article ? `a${item.article.id}` : `p${item.product!.id}`)

const openArticle = (articleId: number) => void openPage(articleUrl(articleId))
const openProduct = (productId: number) => void openPage(productUrl(productId))

function FolderItems({ id }: { id: number }) {
  const [folder, setFolder] = useState<FolderView | null>(null)
  const [moving, setMoving] = useState<ArticleCard | null>(null)
  const list = usePagedList<FolderItem>(`folder:${id}`, async (cursor) => {
    const page = await call('folderItems', { params: { id }, query: { limit: PAGE_SIZE, cursor } })
    setFolder(page.folder)
    return { items: page.items.filter((item) => item.article || item.product), nextCursor: page.nextCursor }
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

  const drop = (key: string) => {
    list.update((items) => items.filter((item) => keyOf(item) !== key))
    setFolder((f) => (f ? { ...f, count: Math.max(0, f.count - 1) } : f))
  }

  const move = async (article: ArticleCard, to: FolderView) => {
    setMoving(null)
    try {
      await call('moveFavorite', { body: { articleId: article.id, from: id, to: to.id } })
      drop(`a${article.id}`)
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
      drop(`a${article.id}`)
      void Taro.showToast({ title: '已移出收藏夹', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  /** A product out of this folder only, as an article. */
  const removeProduct = async (product: ProductCard) => {
    try {
      await Taro.showActionSheet({ itemList: ['移出收藏夹'] })
    } catch {
      return // dismissed
    }
    try {
      const { folderIds } = await call('productFolders', { params: { id: product.id } })
      await call('collectProduct', {
        params: { id: product.id },
        body: { folderIds: folderIds.filter((f) => f !== id) },
      })
      drop(`p${product.id}`)
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

  const body = () => {
    if (list.status === 'loading') return <Skeleton className="list-skeleton" blocks={4} />
    if (list.status === 'error') {
      return <StatusView title="加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
    }
    if (list.items.length === 0) {
      return <StatusView title="收藏夹里还是空的" description="在文章底部或产品页点「收藏」放进来" />
    }
    return (
      <View className="article-list folder-items">
        {list.items.map((item) =>
          item.article ? (
            <ArticleCardView key={keyOf(item)} article={item.article} onOpen={openArticle} onMore={onMore} />
          ) : (
            <View key={keyOf(item)} className="folder-product" data-testid="folder-product" data-id={item.product!.id}>
              <ProductItem product={item.product!} onOpen={openProduct} />
              <Text
                className="folder-product__more"
                data-testid="folder-product-more"
                aria-label="更多操作"
                onClick={() => void removeProduct(item.product!)}
              >
                ···
              </Text>
            </View>
          ),
        )}
        <ListFooter {...list} />
      </View>
    )
  }

  return (
    <View className="me-list-page">
      {folder ? (
        <View className="me-toolbar">
          <Text className="me-toolbar__title one-line-title folder-title">{folder.name}</Text>
          <Text className="me-toolbar__meta">{folder.count} 项收藏</Text>
        </View>
      ) : null}
      {body()}
      {moving ? <MoveSheet from={id} onClose={() => setMoving(null)} onPick={(to) => void move(moving, to)} /> : null}
    </View>
  )
}

/** One folder's articles and products, newest collected first, with 移动 / 移出 on an article, 移出 on a product. */
export default function FolderPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null
  return (
    <SignedIn>{id ? <FolderItems id={id} /> : <StatusView title={FavoriteErrors.FOLDER_NOT_FOUND.message} />}</SignedIn>
  )
}
