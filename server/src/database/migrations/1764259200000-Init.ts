import {
  Table,
  TableForeignKey,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm'
import { timestampType } from '../column-types'

/**
 * The first schema, written with TypeORM's Table API so one history runs on SQLite, PostgreSQL and
 * MariaDB/MySQL. Names of indexes and foreign keys match the entities', so `migration:generate --check` is clean.
 */
export class Init1764259200000 implements MigrationInterface {
  name = 'Init1764259200000'

  async up(q: QueryRunner): Promise<void> {
    const ts = timestampType(q)
    const id: TableColumnOptions = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    })
    const time = (name: string, isNullable = false): TableColumnOptions => ({ name, type: ts, isNullable })
    // TypeORM writes boolean defaults as 1/0 on SQLite and as true/false elsewhere; match it or the check reports a diff.
    const sqlite = q.connection.driver.options.type === 'better-sqlite3'
    const bool = (name: string, value: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: sqlite ? Number(value) : value,
    })
    const unique = (name: string, ...columnNames: string[]) => new TableIndex({ name, columnNames, isUnique: true })
    const index = (name: string, ...columnNames: string[]) => new TableIndex({ name, columnNames })

    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          id,
          str('openid', 64, { isNullable: true }),
          str('unionid', 64, { isNullable: true }),
          str('nickname', 64, { default: "''" }),
          str('avatarUrl', 500, { isNullable: true }),
          str('role', 16, { default: "'reader'" }),
          time('createdAt'),
        ],
        indices: [unique('UQ_user_openid', 'openid')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'session',
        columns: [
          id,
          str('tokenHash', 64),
          int('userId'),
          time('expiresAt'),
          time('revokedAt', true),
          time('createdAt'),
        ],
        indices: [unique('UQ_session_token', 'tokenHash')],
        foreignKeys: [
          new TableForeignKey({
            name: q.connection.namingStrategy.foreignKeyName('session', ['userId'], 'app_user', ['id']),
            columnNames: ['userId'],
            referencedTableName: 'app_user',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'author',
        columns: [
          id,
          str('slug', 64),
          str('name', 64),
          str('bio', 300, { default: "''" }),
          str('avatar', 500, { isNullable: true }),
          bool('verified', false),
          int('userId', { isNullable: true }),
          time('createdAt'),
        ],
        indices: [unique('UQ_author_slug', 'slug'), index('IDX_author_user', 'userId')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'content_column',
        columns: [
          id,
          str('slug', 64),
          str('name', 32),
          str('description', 300, { default: "''" }),
          str('cover', 500, { isNullable: true }),
          int('authorId', { isNullable: true }),
          int('position', { default: 0 }),
          time('createdAt'),
        ],
        indices: [unique('UQ_column_slug', 'slug')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'tag',
        columns: [id, str('name', 32), time('createdAt')],
        indices: [unique('UQ_tag_name', 'name')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article',
        columns: [
          id,
          str('slug', 64, { isNullable: true }),
          str('title', 200),
          str('summary', 500, { default: "''" }),
          str('cover', 500, { isNullable: true }),
          int('authorId'),
          int('columnId', { isNullable: true }),
          int('bodyLength', { default: 0 }),
          str('status', 16, { default: "'draft'" }),
          time('publishedAt', true),
          int('readCount', { default: 0 }),
          int('likeCount', { default: 0 }),
          int('commentCount', { default: 0 }),
          int('favoriteCount', { default: 0 }),
          int('shareCount', { default: 0 }),
          int('hotScore', { default: 0 }),
          time('createdAt'),
          time('updatedAt'),
        ],
        indices: [
          unique('UQ_article_slug', 'slug'),
          index('IDX_article_feed', 'status', 'publishedAt', 'id'),
          index('IDX_article_hot', 'status', 'hotScore', 'id'),
          index('IDX_article_author', 'authorId', 'status', 'publishedAt'),
          index('IDX_article_column', 'columnId', 'status', 'publishedAt'),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_body',
        columns: [
          int('articleId', { isPrimary: true }),
          str('format', 16, { default: "'markdown'" }),
          { name: 'nodes', type: 'text' },
          { name: 'html', type: 'text' },
          { name: 'source', type: 'text' },
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_tag',
        columns: [int('articleId', { isPrimary: true }), int('tagId', { isPrimary: true })],
        indices: [index('IDX_article_tag_tag', 'tagId', 'articleId')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_related',
        columns: [int('articleId', { isPrimary: true }), int('relatedId', { isPrimary: true }), int('score')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_term',
        columns: [int('articleId', { isPrimary: true }), str('term', 32, { isPrimary: true }), int('weight')],
        indices: [index('IDX_article_term_term', 'term', 'articleId')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'article_read',
        columns: [
          int('articleId', { isPrimary: true }),
          str('readerKey', 64, { isPrimary: true }),
          str('day', 10, { isPrimary: true }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'periodical',
        columns: [
          id,
          str('slug', 64),
          str('name', 64),
          str('description', 500, { default: "''" }),
          str('cover', 500, { isNullable: true }),
          time('createdAt'),
        ],
        indices: [unique('UQ_periodical_slug', 'slug')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'periodical_issue',
        columns: [id, int('periodicalId'), int('number'), str('title', 100), time('publishedAt'), time('createdAt')],
        indices: [unique('UQ_issue_number', 'periodicalId', 'number')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'periodical_issue_article',
        columns: [int('issueId', { isPrimary: true }), int('articleId', { isPrimary: true }), int('position')],
        indices: [index('IDX_issue_article_article', 'articleId')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'ad_slot',
        columns: [
          id,
          str('placement', 16),
          str('title', 64),
          str('wechatUnitId', 64, { isNullable: true }),
          str('imageUrl', 500, { isNullable: true }),
          str('linkUrl', 500, { isNullable: true }),
          time('startsAt', true),
          time('endsAt', true),
          bool('active', true),
          time('createdAt'),
        ],
        indices: [index('IDX_ad_slot_placement', 'placement', 'active')],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ad_slot',
      'periodical_issue_article',
      'periodical_issue',
      'periodical',
      'article_read',
      'article_term',
      'article_related',
      'article_tag',
      'article_body',
      'article',
      'tag',
      'content_column',
      'author',
      'session',
      'app_user',
    ]) {
      await q.dropTable(table, true, true, true)
    }
  }
}
