import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm'
import { booleanDefault, timestampType } from '../column-types'

/** Comments and replies, their votes and reports (see server/src/comments/comment.entity.ts). */
export class Comments1764410000000 implements MigrationInterface {
  name = 'Comments1764410000000'

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    const time = (name: string): TableColumnOptions => ({ name, type: timestampType(q) })
    const index = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames })

    await q.createTable(
      new Table({
        name: 'comment',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('articleId'),
          int('userId'),
          int('rootId', { isNullable: true }),
          int('replyToId', { isNullable: true }),
          int('replyToUserId', { isNullable: true }),
          { name: 'content', type: 'varchar', length: '1000' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'featured', type: 'boolean', default: booleanDefault(q, false) },
          { name: 'isAuthorReply', type: 'boolean', default: booleanDefault(q, false) },
          int('likeCount', { default: 0 }),
          int('dislikeCount', { default: 0 }),
          int('replyCount', { default: 0 }),
          int('reportCount', { default: 0 }),
          int('hotScore', { default: 0 }),
          int('checkLabel', { isNullable: true }),
          time('createdAt'),
          time('updatedAt'),
        ],
        indices: [
          index('IDX_comment_thread_hot', ['articleId', 'rootId', 'hotScore', 'id']),
          index('IDX_comment_thread_new', ['articleId', 'rootId', 'createdAt', 'id']),
          index('IDX_comment_article_status', ['articleId', 'status']),
          index('IDX_comment_replies', ['rootId', 'createdAt', 'id']),
          index('IDX_comment_user', ['userId', 'createdAt', 'id']),
          index('IDX_comment_status', ['status', 'id']),
          index('IDX_comment_reported', ['reportCount', 'id']),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'comment_vote',
        columns: [
          int('commentId', { isPrimary: true }),
          int('userId', { isPrimary: true }),
          { name: 'kind', type: 'varchar', length: '16' },
          time('createdAt'),
        ],
        indices: [index('IDX_comment_vote_user', ['userId'])],
      }),
    )
    await q.createTable(
      new Table({
        name: 'comment_report',
        columns: [
          int('commentId', { isPrimary: true }),
          int('userId', { isPrimary: true }),
          { name: 'reason', type: 'varchar', length: '16' },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          time('createdAt'),
        ],
        indices: [index('IDX_comment_report_user', ['userId'])],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('comment_report', true, true, true)
    await q.dropTable('comment_vote', true, true, true)
    await q.dropTable('comment', true, true, true)
  }
}
