import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common'
import { qrCodePng } from '../common/qr-code'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { FileStore } from '../storage/file-store'

/** Where the official account's QR code is written in the file store: served at /media/site/official-account-qr.png. */
export const OFFICIAL_ACCOUNT_QR_KEY = 'site/official-account-qr.png'
/** The URL the stored code holds, beside it: a start with the same URL and the code in place writes nothing. */
const OFFICIAL_ACCOUNT_QR_URL_KEY = 'site/official-account-qr.url'

/**
 * Writes a QR code of OFFICIAL_ACCOUNT_URL at start (unless the store already holds that URL's code). WeChat's `official-account` component (follow the 公众号) works
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
      const url = this.config.OFFICIAL_ACCOUNT_URL
      const [stored, code] = await Promise.all([
        this.store.get(OFFICIAL_ACCOUNT_QR_URL_KEY),
        this.store.get(OFFICIAL_ACCOUNT_QR_KEY),
      ])
      if (stored?.toString('utf8') === url && code?.length) return
      await this.store.put(OFFICIAL_ACCOUNT_QR_KEY, qrCodePng(url, 430), 'image/png')
      await this.store.put(OFFICIAL_ACCOUNT_QR_URL_KEY, Buffer.from(url, 'utf8'), 'text/plain')
    } catch (e) {
      // Not worth refusing to start over: the follow prompt then shows no code.
      this.logger.error(`official account QR code not written: ${(e as Error).message}`)
    }
  }
}
