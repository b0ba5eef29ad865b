import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm'

export class WechatSessionKey1764310000000 implements MigrationInterface {
  name = 'WechatSessionKey1764310000000'

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'app_user',
      new TableColumn({ name: 'wechatSessionKey', type: 'varchar', length: '64', isNullable: true }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('app_user', 'wechatSessionKey')
  }
}
