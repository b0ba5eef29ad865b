import { Module } from '@nestjs/common'
import { ContentModule } from '../content/content.module'
import { DemoContentService } from './demo-content.service'

/**
 * The demo site (`DEMO_CONTENT=1`, `cli seed-demo`): articles through the importer, then demo readers whose likes,
 * favorites, shares, opens and comments are real rows. It spans every feature, so it sits on the top floor.
 */
@Module({
  imports: [ContentModule],
  providers: [DemoContentService],
  exports: [DemoContentService],
})
export class DemoModule {}
