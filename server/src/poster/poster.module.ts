import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentModule } from '../content/content.module'
import { User } from '../users/user.entity'
import { PosterController } from './poster.controller'
import { PosterService } from './poster.service'

/**
 * Share posters (`GET /api/share/poster`), mini-program codes (`GET /api/share/code`) (the official account's QR code is in the
 * share module). WechatClient, FileStore and RateLimitService come from global modules.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Article, Author, User]), ContentModule],
  controllers: [PosterController],
  providers: [PosterService],
})
export class PosterModule {}
