import { AdSlot } from '../ads/ad-slot.entity'
import { Category, CategoryParam, Product, ProductParam, Supplier } from '../catalog/catalog.entity'
import { Session } from '../auth/session.entity'
import { Article, ArticleBody, ArticleRead, ArticleRelated, ArticleTerm } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from '../content/periodical.entity'
import { ArticleTag, Tag } from '../content/tag.entity'
import { Comment, CommentReport, CommentVote } from '../comments/comment.entity'
import { ArticleLike } from '../engagement/article-like.entity'
import { Favorite, FavoriteFolder, ProductFavorite } from '../favorites/favorite.entity'
import { SearchTermDay } from '../search/search-term.entity'
import { Delivery } from '../delivery/delivery.entity'
import { Demand, DemandSupplier } from '../demands/demand.entity'
import { SubscribeGrant } from '../delivery/subscribe-grant.entity'
import { Follow } from '../follows/follow.entity'
import { Notice } from '../notices/notice.entity'
import { Inquiry } from '../inquiries/inquiry.entity'
import { Conversation, PrivateMessage } from '../messages/message.entity'
import { ArticleModelKey, ArticleProduct } from '../mentions/mention.entity'
import { ShareEvent, ShareOpen } from '../share/share.entity'
import { SavedSearch } from '../saved-searches/saved-search.entity'
import { User } from '../users/user.entity'

/** Every entity, for the data source and the migration check. Children after parents (tests clear in reverse). */
export const entities = [
  User,
  Session,
  Author,
  ContentColumn,
  Tag,
  Article,
  ArticleBody,
  ArticleTag,
  ArticleRelated,
  ArticleTerm,
  ArticleRead,
  Periodical,
  PeriodicalIssue,
  PeriodicalIssueArticle,
  AdSlot,
  ArticleLike,
  Comment,
  CommentVote,
  CommentReport,
  FavoriteFolder,
  Favorite,
  ProductFavorite,
  ShareEvent,
  ShareOpen,
  Category,
  CategoryParam,
  Supplier,
  Product,
  ProductParam,
  SearchTermDay,
  Follow,
  SubscribeGrant,
  Delivery,
  Notice,
  Conversation,
  PrivateMessage,
  Inquiry,
  ArticleProduct,
  ArticleModelKey,
  SavedSearch,
  Demand,
  DemandSupplier,
]
