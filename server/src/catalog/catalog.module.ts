import { Module } from '@nestjs/common'
import { CatalogEvents } from './catalog-events'
import { ProductsService } from './products.service'
import { ProductImporter } from './import/product-importer.service'
import { TaxonomyService } from './taxonomy.service'

/**
 * The sensor catalogue (传感搜): the taxonomy applied at start, the product importer (CLI `import-products`, the
 * demo catalogue) and the change notices search listens to. Search and its API live on the floor above.
 */
@Module({
  providers: [TaxonomyService, ProductImporter, CatalogEvents, ProductsService],
  exports: [TaxonomyService, ProductImporter, CatalogEvents, ProductsService],
})
export class CatalogModule {}
