import { Global, Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { DeferredIndexRestorer } from './deferred-indexes'
import { Transactions } from './transactions'
import { dataSourceOptions } from './options'
import { gateSqliteTransactions } from './sqlite-transactions'

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.DATABASE_URL, { logging: config.LOG_LEVEL === 'trace' }),
        // Applied at start; safe to repeat, each migration runs once.
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 500,
      }),
      dataSourceFactory: async (options) => {
        const db = new DataSource(options!)
        gateSqliteTransactions(db)
        return db.initialize()
      },
    }),
  ],
  providers: [Transactions, DeferredIndexRestorer],
  exports: [Transactions, DeferredIndexRestorer],
})
export class DatabaseModule {}
