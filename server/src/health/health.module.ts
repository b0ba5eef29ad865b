import { Module } from '@nestjs/common'
import { HealthController } from './health.controller'

@Module({
  controllers: [HealthController],
  providers: [{ provide: 'APP_VERSION', useValue: process.env.npm_package_version ?? '0.1.0' }],
})
export class HealthModule {}
