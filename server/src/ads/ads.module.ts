import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { AdSlot } from './ad-slot.entity'
import { AdsService } from './ads.service'

@Module({
  imports: [TypeOrmModule.forFeature([AdSlot])],
  providers: [AdsService],
  exports: [AdsService],
})
export class AdsModule {}
