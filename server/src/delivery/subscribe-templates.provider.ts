import { APP_CONFIG, type AppConfig } from '../config/config'
import { parseTemplates, type TemplateConfig } from './subscribe-templates'

export const SUBSCRIBE_TEMPLATES = Symbol('SUBSCRIBE_TEMPLATES')

/** The configured templates, read and checked once at start (a bad configuration stops the server). */
export const subscribeTemplatesProvider = {
  provide: SUBSCRIBE_TEMPLATES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): TemplateConfig[] =>
    parseTemplates(config.WECHAT_SUBSCRIBE_TEMPLATES, Boolean(config.WECHAT_APPID && config.WECHAT_SECRET)),
}
