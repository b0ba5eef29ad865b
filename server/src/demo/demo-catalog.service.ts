import path from 'node:path'
import { Injectable, Logger } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import { Product } from '../catalog/catalog.entity'
import { ProductImporter } from '../catalog/import/product-importer.service'
import { DEMO_DIR } from './demo-content.service'

/** The demo catalogue: server/demo/catalog.jsonl (made by bench/generate-products.mjs --demo from our templates). */
export const DEMO_CATALOG = path.join(DEMO_DIR, 'catalog.jsonl')

/** Loads the demo catalogue through the importer into a catalogue without products. */
@Injectable()
export class DemoCatalogService {
  private readonly logger = new Logger(DemoCatalogService.name)

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly importer: ProductImporter,
  ) {}

  /** Returns how many products it created (0 when the catalogue already has products). */
  async seedIfEmpty(): Promise<number> {
    if ((await this.db.getRepository(Product).count()) > 0) return 0
    const summary = await this.importer.importFile(DEMO_CATALOG)
    for (const f of summary.failed) this.logger.warn(`demo product on line ${f.line} skipped: ${f.reason}`)
    this.logger.log(`demo catalogue loaded: ${summary.created} products`)
    return summary.created
  }
}
