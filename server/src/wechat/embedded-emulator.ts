import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common'
import { createWechatEmulator, type WechatEmulator } from './emulator/wechat-emulator'

/**
 * Runs the WeChat emulator inside the server when no WeChat is configured, so development and tests log in, check
 * text and make posters without credentials. Closed with the application.
 */
@Injectable()
export class EmbeddedWechatEmulator implements OnModuleDestroy {
  private readonly logger = new Logger('WechatEmulator')
  private emulator: WechatEmulator | null = null

  /**
   * Starts the emulator on a free loopback port and returns its base URL. `publicUrl`: where the H5 build is served
   * (the emulator's mini-program codes point there).
   */
  async start(appid: string, secret: string, publicUrl?: string): Promise<string> {
    this.emulator = createWechatEmulator({ appid, secret, publicUrl })
    const baseUrl = await this.emulator.listen(0)
    this.logger.warn(`no WeChat credentials configured: using the built-in emulator at ${baseUrl}`)
    return baseUrl
  }

  /** The running emulator (null when real WeChat is used): dev tooling can issue codes through it. */
  get instance(): WechatEmulator | null {
    return this.emulator
  }

  async onModuleDestroy(): Promise<void> {
    await this.emulator?.close()
    this.emulator = null
  }
}
