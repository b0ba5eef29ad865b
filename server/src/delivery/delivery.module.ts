import { Module } from '@nestjs/common'
import { ContentModule } from '../content/content.module'
import { DeliveryController } from './delivery.controller'
import { DeliveryWorker } from './delivery-worker.service'
import { GrantsService } from './grants.service'
import { OutboxService } from './outbox.service'
import { subscribeTemplatesProvider } from './subscribe-templates.provider'

/**
 * WeChat subscribe messages for followers: grants (send credits), the outbox that publishing fills, and the worker
 * that sends it exactly once (docs/followers.md).
 */
@Module({
  imports: [ContentModule],
  controllers: [DeliveryController],
  providers: [subscribeTemplatesProvider, GrantsService, OutboxService, DeliveryWorker],
  exports: [GrantsService, OutboxService, DeliveryWorker],
})
export class DeliveryModule {}
