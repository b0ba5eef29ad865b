import { Init1764259200000 } from './migrations/1764259200000-Init'
import { ArticleLikes1764300000000 } from './migrations/1764300000000-ArticleLikes'
import { WechatSessionKey1764310000000 } from './migrations/1764310000000-WechatSessionKey'

/** The one migration history, in order; it runs on SQLite, PostgreSQL and MariaDB/MySQL alike. */
export const migrations = [Init1764259200000, ArticleLikes1764300000000, WechatSessionKey1764310000000]
