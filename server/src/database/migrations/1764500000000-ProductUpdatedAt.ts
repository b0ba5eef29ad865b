import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * An index on product.updatedAt: each server process asks for the catalogue's newest update every few seconds (is
 * the embedded search index still current?), and without it that question scans the whole table — about 2 s at
 * 1,000,000 products, blocking the process (better-sqlite3 is synchronous) while searches wait.
 */
export class ProductUpdatedAt1764500000000 implements MigrationInterface {
  name = 'ProductUpdatedAt1764500000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('product', new TableIndex({ name: 'IDX_product_updated_at', columnNames: ['updatedAt'] }))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('product', 'IDX_product_updated_at')
  }
}
