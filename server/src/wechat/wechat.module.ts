import { Module, type DynamicModule } from '@nestjs/common'
import { EmbeddedWechatEmulator } from './embedded-emulator'
import { WechatClient } from './wechat.client'
import { WECHAT_OPTIONS, wechatOptionsFrom, type WechatEnv, type WechatOptions } from './wechat.options'

/**
 * Provides WechatClient: real WeChat when WECHAT_APPID and WECHAT_SECRET are configured, an emulator at
 * WECHAT_API_BASE when only that is set, otherwise an emulator started inside the process (see wechat.options.ts).
 * WechatClient shares its access token through Redis when the global RedisModule has a connection.
 * Global, like ConfigModule and RedisModule: any feature (login, moderation, notifications, posters) injects the client.
 */
@Module({})
export class WechatModule {
  static forRoot(env: WechatEnv): DynamicModule {
    const setup = wechatOptionsFrom(env)
    return {
      module: WechatModule,
      global: true,
      providers: [
        EmbeddedWechatEmulator,
        {
          provide: WECHAT_OPTIONS,
          inject: [EmbeddedWechatEmulator],
          useFactory: async (embedded: EmbeddedWechatEmulator): Promise<WechatOptions> =>
            setup.kind === 'remote'
              ? setup.options
              : {
                  baseUrl: await embedded.start(setup.appid, setup.secret, env.PUBLIC_URL),
                  appid: setup.appid,
                  secret: setup.secret,
                },
        },
        WechatClient,
      ],
      exports: [WechatClient, EmbeddedWechatEmulator],
    }
  }
}
