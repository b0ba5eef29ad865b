import { Init1764259200000 } from './migrations/1764259200000-Init'

/** The one migration history, in order; it runs on SQLite, PostgreSQL and MariaDB/MySQL alike. */
export const migrations = [Init1764259200000]
