import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

/** The sensor catalogue of 传感搜: categories with their parameters, suppliers, products and typed product parameters. */
export class Catalog1764450000000 implements MigrationInterface {
  name = 'Catalog1764450000000'

  async up(q: QueryRunner): Promise<void> {
    const id = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment' as const,
    }
    await q.createTable(
      new Table({
        name: 'category',
        columns: [
          id,
          { name: 'parentId', type: 'integer', isNullable: true },
          { name: 'name', type: 'varchar', length: '32' },
          { name: 'path', type: 'varchar', length: '200' },
          { name: 'depth', type: 'integer' },
          { name: 'sortOrder', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'UQ_category_path', columnNames: ['path'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'category_param',
        columns: [
          id,
          { name: 'categoryId', type: 'integer' },
          { name: 'key', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'dimension', type: 'varchar', length: '16', isNullable: true },
          { name: 'unit', type: 'varchar', length: '16', isNullable: true },
          { name: 'facetable', type: 'boolean' },
          { name: 'sortOrder', type: 'integer' },
        ],
        indices: [
          new TableIndex({ name: 'UQ_category_param_key', columnNames: ['categoryId', 'key'], isUnique: true }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'supplier',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'region', type: 'varchar', length: '32' },
          { name: 'verified', type: 'boolean' },
          { name: 'contact', type: 'varchar', length: '200', isNullable: true },
          { name: 'createdAt', type: timestampType(q) },
          { name: 'updatedAt', type: timestampType(q) },
        ],
        indices: [new TableIndex({ name: 'UQ_supplier_name', columnNames: ['name'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'product',
        columns: [
          id,
          { name: 'supplierId', type: 'integer' },
          { name: 'model', type: 'varchar', length: '64' },
          { name: 'modelKey', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'brand', type: 'varchar', length: '64' },
          { name: 'categoryId', type: 'integer' },
          { name: 'description', type: 'text' },
          { name: 'datasheetUrl', type: 'varchar', length: '500', isNullable: true },
          { name: 'images', type: 'text' },
          { name: 'params', type: 'text' },
          { name: 'priceBreaks', type: 'text' },
          { name: 'priceFrom', type: 'integer', isNullable: true },
          { name: 'moq', type: 'integer' },
          { name: 'stock', type: 'integer' },
          { name: 'leadTimeDays', type: 'integer', isNullable: true },
          { name: 'createdAt', type: timestampType(q) },
          { name: 'updatedAt', type: timestampType(q) },
        ],
        indices: [
          new TableIndex({ name: 'UQ_product_supplier_model', columnNames: ['supplierId', 'model'], isUnique: true }),
          new TableIndex({ name: 'IDX_product_category', columnNames: ['categoryId'] }),
          new TableIndex({ name: 'IDX_product_model_key', columnNames: ['modelKey'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'product_param',
        columns: [
          { name: 'productId', type: 'integer', isPrimary: true },
          { name: 'key', type: 'varchar', length: '32', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'min', type: 'double precision', isNullable: true },
          { name: 'max', type: 'double precision', isNullable: true },
          { name: 'value', type: 'varchar', length: '64', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_product_param_range', columnNames: ['key', 'min', 'max'] }),
          new TableIndex({ name: 'IDX_product_param_value', columnNames: ['key', 'value'] }),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['product_param', 'product', 'supplier', 'category_param', 'category']) {
      await q.dropTable(table, true, true, true)
    }
  }
}
