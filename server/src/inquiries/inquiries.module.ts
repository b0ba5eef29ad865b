import { Module } from '@nestjs/common'
import { DeliveryModule } from '../delivery/delivery.module'
import { NoticesModule } from '../notices/notices.module'
import { InquiriesController, SupplierInquiriesController } from './inquiries.controller'
import { InquiriesService } from './inquiries.service'

/**
 * 询价: buyers' inquiries to a product's supplier and the supplier's answers (docs/inquiries.md). ContentCheckService
 * and RateLimitService come from global modules. Exports InquiriesService for account deletion (`forgetUser`).
 */
@Module({
  imports: [NoticesModule, DeliveryModule],
  controllers: [InquiriesController, SupplierInquiriesController],
  providers: [InquiriesService],
  exports: [InquiriesService],
})
export class InquiriesModule {}
