import { Injectable, Logger } from '@nestjs/common'

/** Products written by one committed chunk of an import (ids of rows that now exist, in the order written). */
export interface ProductsChanged {
  created: number[]
  updated: number[]
  /**
   * The products as the chunk wrote them (the importer sends them), so a copy of the catalogue can be brought up to
   * date without reading them back; what is read back after the commit may already be newer.
   */
  written?: WrittenProduct[]
}

/** A product's columns as an import's chunk wrote them, with its parameter rows and its supplier as resolved. */
export interface WrittenProduct {
  id: number
  model: string
  name: string
  brand: string
  categoryId: number
  /** JSON, as stored. */
  priceBreaks: string
  stock: number
  supplierId: number
  supplier: { region: string; verified: boolean }
  updatedAt: Date
  params: Array<{ key: string; min: number | null; max: number | null; value: string | null }>
}

export type ProductsChangedListener = (change: ProductsChanged) => void

/**
 * In-process notice of catalogue changes, for whoever keeps a copy of products (the search index): the importer
 * emits one per committed chunk, after its transaction. Listeners run synchronously and must be quick; a listener
 * that throws is logged and does not stop the import or the other listeners. Other processes see changes through
 * the database (see search/embedded-search.ts).
 */
@Injectable()
export class CatalogEvents {
  private readonly logger = new Logger(CatalogEvents.name)
  private readonly listeners = new Set<ProductsChangedListener>()

  /** Subscribes; returns the function that unsubscribes. */
  onProductsChanged(listener: ProductsChangedListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emitProductsChanged(change: ProductsChanged): void {
    if (!change.created.length && !change.updated.length) return
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch (error) {
        this.logger.warn(`a products-changed listener failed: ${String(error)}`)
      }
    }
  }
}
