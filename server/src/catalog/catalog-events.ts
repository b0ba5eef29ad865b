import { Injectable, Logger } from '@nestjs/common'

/** Products written by one committed chunk of an import (ids of rows that now exist, in the order written). */
export interface ProductsChanged {
  created: number[]
  updated: number[]
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
