import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common'
import { qrCodePng } from '../common/qr-code'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { FileStore } from '../storage/file-store'

/** Where the official account's QR code is written in the file store: served at /media/site/official-account-qr.png. */
export const OFFICIAL_ACCOUNT_QR_KEY = 'site/official-account-qr.png'

/**
 * Writes a QR code of OFFICIAL_ACCOUNT_URL at start. WeChat's `official-account` component (follow the 公众号) works
 * only on a few launch scenes; everywhere else the mini-program and the H5 build show this image instead.
 */
@Injectable()
export class OfficialAccountQr implements OnModuleInit {
  private readonly logger = new Logger(OfficialAccountQr.name)

  constructor(
    private readonly store: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    try {
      await this.store.put(OFFICIAL_ACCOUNT_QR_KEY, qrCodePng(this.config.OFFICIAL_ACCOUNT_URL, 430), 'image/png')
    } catch (e) {
      // Not worth refusing to start over: the follow prompt then shows no code.
      this.logger.error(`official account QR code not written: ${(e as Error).message}`)
    }
  }
}
