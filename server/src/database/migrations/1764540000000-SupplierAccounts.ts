import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * Supplier accounts: a user with role `supplier` answers inquiries and demands for one catalogue supplier
 * (`app_user.supplierId`, set by `cli.js create-staff --role supplier --supplier …`). Several staff may share one
 * supplier, so the link lives on the user, not on the supplier.
 */
export class SupplierAccounts1764540000000 implements MigrationInterface {
  name = 'SupplierAccounts1764540000000'

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('app_user', new TableColumn({ name: 'supplierId', type: 'integer', isNullable: true }))
    await q.createIndex('app_user', new TableIndex({ name: 'IDX_user_supplier', columnNames: ['supplierId'] }))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('app_user', 'IDX_user_supplier')
    await q.dropColumn('app_user', 'supplierId')
  }
}
