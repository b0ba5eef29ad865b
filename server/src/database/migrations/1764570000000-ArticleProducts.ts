import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm'

/** 文中相关产品: products an article lists and the model keys its text names (see server/src/mentions/). */
export class ArticleProducts1764570000000 implements MigrationInterface {
  name = 'ArticleProducts1764570000000'

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    await q.createTable(
      new Table({
        name: 'article_product',
        columns: [
          int('articleId', { isPrimary: true }),
          int('productId', { isPrimary: true }),
          { name: 'reason', type: 'varchar', length: '8' },
          int('rank'),
        ],
        indices: [new TableIndex({ name: 'IDX_article_product_product', columnNames: ['productId', 'articleId'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_model_key',
        columns: [
          int('articleId', { isPrimary: true }),
          { name: 'modelKey', type: 'varchar', length: '64', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'IDX_article_model_key_key', columnNames: ['modelKey', 'articleId'] })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('article_model_key')
    await q.dropTable('article_product')
  }
}
