import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ArticleProduct } from '@chuangan/shared'
import { call } from '@/api/client'
import { useNearViewport } from '@/hooks/useNearViewport'
import { openPage } from '@/utils/nav'
import { productUrl } from '@/utils/paths'
import { yuan } from '@/utils/price'

/**
 * 文中相关产品: the catalogue's products the article names or covers by its tags. Asked for only once the article
 * is shown and this place comes near the screen, so it never slows the article down; nothing at all when the
 * article lists none or the list cannot be had.
 */
export default function ArticleProducts({ articleId }: { articleId: number }) {
  const anchor = `article-products-${articleId}`
  const { near } = useNearViewport(anchor, { initiallyNear: false })
  const [items, setItems] = useState<ArticleProduct[] | null>(null)

  useEffect(() => {
    if (!near || items !== null) return
    let live = true
    call('articleProducts', { params: { id: articleId } })
      .then((res) => live && setItems(res.items))
      .catch(() => live && setItems([]))
    return () => {
      live = false
    }
  }, [near, items, articleId])

  if (items === null) return <View id={anchor} className="article-products__anchor" />
  if (!items.length) return null
  return (
    <View className="section article-products" data-testid="article-products">
      <View className="section__head">
        <Text className="section__title">文中相关产品</Text>
      </View>
      <View className="article-products__list">
        {items.map((p) => (
          <View
            key={p.id}
            className="article-product"
            data-testid="article-product"
            data-model={p.model}
            hoverClass="article-product--hover"
            onClick={() => void openPage(productUrl(p.id))}
          >
            <View className="article-product__main">
              <View className="article-product__line">
                <Text className="article-product__model">{p.model}</Text>
                {p.reason === 'model' ? <Text className="article-product__badge">文中提及</Text> : null}
              </View>
              <Text className="article-product__name">{p.name}</Text>
              <Text className="article-product__supplier">{p.supplier.name}</Text>
            </View>
            <Text className="article-product__price">{p.priceFrom === null ? '询价' : `${yuan(p.priceFrom)} 起`}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
