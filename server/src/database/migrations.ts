import { Init1764259200000 } from './migrations/1764259200000-Init'
import { ArticleLikes1764300000000 } from './migrations/1764300000000-ArticleLikes'
import { WechatSessionKey1764310000000 } from './migrations/1764310000000-WechatSessionKey'
import { AccountAndCommentSettings1764400000000 } from './migrations/1764400000000-AccountAndCommentSettings'
import { Comments1764410000000 } from './migrations/1764410000000-Comments'
import { Favorites1764420000000 } from './migrations/1764420000000-Favorites'
import { Shares1764430000000 } from './migrations/1764430000000-Shares'
import { ShareEventSharer1764440000000 } from './migrations/1764440000000-ShareEventSharer'
import { Catalog1764450000000 } from './migrations/1764450000000-Catalog'
import { SearchTerms1764460000000 } from './migrations/1764460000000-SearchTerms'
import { Follows1764480000000 } from './migrations/1764480000000-Follows'
import { PostgresSearch1764490000000 } from './migrations/1764490000000-PostgresSearch'
import { ProductUpdatedAt1764500000000 } from './migrations/1764500000000-ProductUpdatedAt'
import { Deliveries1764530000000 } from './migrations/1764530000000-Deliveries'
import { Notices1764510000000 } from './migrations/1764510000000-Notices'
import { PrivateMessages1764520000000 } from './migrations/1764520000000-PrivateMessages'
import { SupplierAccounts1764540000000 } from './migrations/1764540000000-SupplierAccounts'
import { Inquiries1764550000000 } from './migrations/1764550000000-Inquiries'
import { ArticleProducts1764570000000 } from './migrations/1764570000000-ArticleProducts'
import { SavedSearches1764580000000 } from './migrations/1764580000000-SavedSearches'
import { ProductFavorites1764590000000 } from './migrations/1764590000000-ProductFavorites'
import { PostgresSearchCounts1764596000000 } from './migrations/1764596000000-PostgresSearchCounts'
import { SearchSharedIndex1764600000000 } from './migrations/1764600000000-SearchSharedIndex'
import { DeferredIndexes1764610000000 } from './migrations/1764610000000-DeferredIndexes'
import { Demands1764560000000 } from './migrations/1764560000000-Demands'
import { SearchDocTermsCollation1764620000000 } from './migrations/1764620000000-SearchDocTermsCollation'

/** The one migration history, in order; it runs on SQLite, PostgreSQL and MariaDB/MySQL alike. */
export const migrations = [
  Init1764259200000,
  ArticleLikes1764300000000,
  WechatSessionKey1764310000000,
  AccountAndCommentSettings1764400000000,
  Comments1764410000000,
  Favorites1764420000000,
  Shares1764430000000,
  ShareEventSharer1764440000000,
  Catalog1764450000000,
  SearchTerms1764460000000,
  Follows1764480000000,
  PostgresSearch1764490000000,
  ProductUpdatedAt1764500000000,
  Deliveries1764530000000,
  Notices1764510000000,
  PrivateMessages1764520000000,
  SupplierAccounts1764540000000,
  Inquiries1764550000000,
  ArticleProducts1764570000000,
  SavedSearches1764580000000,
  ProductFavorites1764590000000,
  PostgresSearchCounts1764596000000,
  SearchSharedIndex1764600000000,
  DeferredIndexes1764610000000,
  Demands1764560000000,
  SearchDocTermsCollation1764620000000,
]
