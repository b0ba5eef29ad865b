import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * An index for the question every share asks: did this sharer already share this target on this channel today (a
 * share counts once per sharer, target, channel and day; see SharesService.recordShare).
 */
export class ShareEventSharer1764440000000 implements MigrationInterface {
  name = 'ShareEventSharer1764440000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'share_event',
      new TableIndex({
        name: 'IDX_share_event_sharer',
        columnNames: ['sharerId', 'targetType', 'targetId', 'channel', 'createdAt'],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('share_event', 'IDX_share_event_sharer')
  }
}
