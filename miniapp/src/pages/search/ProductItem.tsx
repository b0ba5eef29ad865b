import { memo } from 'react'
import { Text, View } from '@tarojs/components'
import type { ProductCard } from '@chuangan/shared'
import { formatPrice, stockText } from './query'
import './ProductItem.css'

interface Props {
  product: ProductCard
  onOpen: (id: number) => void
  /** In the compare selection. */
  inCompare?: boolean
  onCompare?: (product: ProductCard) => void
}

/** A result row: model and name, key parameters, price from, stock and supplier. Memoised like the feed's cards. */
function ProductItem({ product, onOpen, inCompare = false, onCompare }: Props) {
  const inStock = product.stock > 0
  return (
    <View
      className="product-item card"
      data-id={product.id}
      data-model={product.model}
      hoverClass="card--hover"
      onClick={() => onOpen(product.id)}
    >
      <View className="product-item__head">
        <Text className="product-item__model">{product.model}</Text>
        {product.brand ? <Text className="product-item__brand">{product.brand}</Text> : null}
        {onCompare ? (
          <Text
            className={`product-item__compare${inCompare ? ' product-item__compare--on' : ''}`}
            data-testid="compare-add"
            data-id={product.id}
            onClick={(e) => {
              e.stopPropagation()
              onCompare(product)
            }}
          >
            {inCompare ? '✓ 已加对比' : '+ 对比'}
          </Text>
        ) : null}
      </View>
      <Text className="product-item__name">{product.name}</Text>
      {product.keyParams.length ? (
        <View className="product-item__params">
          {product.keyParams.map((p) => (
            <Text key={p} className="product-item__param">
              {p}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="product-item__trade">
        <View className="product-item__price">
          <Text className="product-item__price-value">{formatPrice(product.priceFrom)}</Text>
          {product.priceFrom !== null ? <Text className="product-item__price-from">起</Text> : null}
        </View>
        <Text className={`product-item__stock${inStock ? ' product-item__stock--in' : ''}`}>
          {stockText(product.stock, product.leadTimeDays)}
        </Text>
      </View>
      <View className="product-item__supplier">
        <Text className="product-item__supplier-name">{product.supplier.name}</Text>
        {product.supplier.verified ? <Text className="product-item__verified">认证</Text> : null}
        <Text className="product-item__region">{product.supplier.region}</Text>
      </View>
    </View>
  )
}

export default memo(ProductItem)
