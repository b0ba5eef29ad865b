import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm'
import { booleanDefault, timestampType } from '../column-types'

/** Deleted accounts keep their row (comments point at it) with `deletedAt` set; editors can close comments. */
export class AccountAndCommentSettings1764400000000 implements MigrationInterface {
  name = 'AccountAndCommentSettings1764400000000'

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('app_user', new TableColumn({ name: 'deletedAt', type: timestampType(q), isNullable: true }))
    await q.addColumn(
      'article',
      new TableColumn({ name: 'commentsClosed', type: 'boolean', default: booleanDefault(q, false) }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('article', 'commentsClosed')
    await q.dropColumn('app_user', 'deletedAt')
  }
}
