import { Module, type DynamicModule } from '@nestjs/common'
import { LoggerModule } from 'nestjs-pino'
import { ConfigModule } from './config/config.module'
import type { AppConfig } from './config/config'
import { CatalogModule } from './catalog/catalog.module'
import { CommentsModule } from './comments/comments.module'
import { ContentModule } from './content/content.module'
import { DatabaseModule } from './database/database.module'
import { DocsModule } from './docs/docs.module'
import { EditorModule } from './editor/editor.module'
import { EngagementModule } from './engagement/engagement.module'
import { FavoritesModule } from './favorites/favorites.module'
import { DeliveryModule } from './delivery/delivery.module'
import { FollowsModule } from './follows/follows.module'
import { NoticesModule } from './notices/notices.module'
import { MessagesModule } from './messages/messages.module'
import { InquiriesModule } from './inquiries/inquiries.module'
import { SavedSearchesModule } from './saved-searches/saved-searches.module'
import { ShareModule } from './share/share.module'
import { StorageModule } from './storage/storage.module'
import { AccountModule } from './account/account.module'
import { DemoModule } from './demo/demo.module'
import { DemandsModule } from './demands/demands.module'
import { HealthModule } from './health/health.module'
import { ModerationModule } from './moderation/moderation.module'
import { PosterModule } from './poster/poster.module'
import { RateLimitModule } from './rate-limit/rate-limit.module'
import { RedisModule } from './infra/redis'
import { SearchModule } from './search/search.module'
import { MentionsModule } from './mentions/mentions.module'
import { WechatModule } from './wechat/wechat.module'
import { AuthModule } from './auth/auth.module'
import { UsersModule } from './users/users.module'

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            autoLogging: { ignore: (req) => req.url === '/api/healthz' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        DatabaseModule,
        RedisModule,
        WechatModule.forRoot(config),
        ModerationModule,
        RateLimitModule,
        UsersModule,
        AuthModule,
        HealthModule,
        ContentModule,
        CatalogModule,
        SearchModule,
        MentionsModule,
        EditorModule,
        EngagementModule,
        CommentsModule,
        FavoritesModule,
        FollowsModule,
        DeliveryModule,
        NoticesModule,
        DemandsModule,
        MessagesModule,
        InquiriesModule,
        SavedSearchesModule,
        ShareModule,
        StorageModule,
        AccountModule,
        DemoModule,
        PosterModule,
        DocsModule,
      ],
    }
  }
}
