import { createHash } from 'node:crypto'
import { Inject, Injectable, Logger } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import type { Image } from '@napi-rs/canvas'
import { ContentErrors, encodeScene, PosterErrors, SHARE_PAGES } from '@chuangan/shared'
import type { Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { canvasLib } from '../common/canvas'
import { bindKey } from '../common/db'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { quoter, selectSql } from '../database/raw-sql'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentCache } from '../content/content-cache.service'
import { RateLimitService } from '../rate-limit/rate-limit.service'
import { FileStore } from '../storage/file-store'
import { assertPublicHost, fetchImage } from '../storage/remote-image'
import { User } from '../users/user.entity'
import { WechatClient } from '../wechat/wechat.client'
import { WechatError } from '../wechat/wechat.errors'
import { ImageCache } from './image-cache'
import { compactPng, POSTER_LAYOUT_VERSION, renderPoster, toPng } from './poster-render'

/** What a poster is drawn from: a published article and its author. */
export interface PosterSubject {
  id: number
  title: string
  summary: string
  cover: string | null
  updatedAt: Date
  authorName: string
  authorAvatar: string | null
}

/** Who asked (rate limits count cache misses per address). */
export interface Requester {
  userId: number | null
  ip: string
}

/** The mini-program code every poster carries: the article page, 430 px (WeChat's default), the released version. */
const CODE = { page: SHARE_PAGES.article, width: 430, envVersion: 'release' } as const
const hash = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)

/**
 * Share posters and mini-program codes for articles. Both are cached by content (see ImageCache): a poster's key
 * hashes everything drawn on it, a code's key its scene and parameters, so a second request neither calls WeChat nor
 * draws, and an edited article gets a new poster (reusing its code). Only cache misses count against the `poster`
 * rate limit. A sharer code is carried in the scene only when it names a live account (`sharer`): any other code gets
 * the code-less poster, so made-up codes cost no WeChat call, no drawing and no stored file.
 */
@Injectable()
export class PosterService {
  private readonly logger = new Logger(PosterService.name)
  private readonly posters: ImageCache
  private readonly codes: ImageCache

  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly cache: ContentCache,
    private readonly wechat: WechatClient,
    private readonly store: FileStore,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.posters = new ImageCache(store, 'posters', 32 * 1024 * 1024)
    this.codes = new ImageCache(store, 'posters/codes', 8 * 1024 * 1024)
  }

  /**
   * A published article and its author (one query, then kept in the content cache, which every editorial change
   * clears, as it clears the article's page); 404 for anything else. A cached poster then costs one indexed query
   * (the sharer's code).
   */
  subject(articleId: number): Promise<PosterSubject> {
    return this.cache.value(`poster-subject:${articleId}`, () => this.loadSubject(articleId))
  }

  private async loadSubject(articleId: number): Promise<PosterSubject> {
    const article = (await this.articles
      .createQueryBuilder('a')
      .leftJoinAndMapOne('a.author', Author, 'au', 'au.id = a.authorId')
      .select(['a.id', 'a.title', 'a.summary', 'a.cover', 'a.updatedAt', 'a.authorId', 'au.id', 'au.name', 'au.avatar'])
      .where('a.id = :id AND a.status = :status', { id: bindKey(articleId), status: 'published' })
      .getOne()) as (Article & { author?: Author }) | null
    if (!article) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    return {
      id: article.id,
      title: article.title,
      summary: article.summary,
      cover: article.cover,
      updatedAt: article.updatedAt,
      authorName: article.author?.name ?? '',
      authorAvatar: article.author?.avatar ?? null,
    }
  }

  /**
   * The sharer code a poster and its mini-program code carry: the code of the account the query's code names, when
   * that account was not deleted, otherwise null (the code-less poster, one cache entry for every unknown code). The
   * stored code, not the query's: MariaDB compares case-insensitively, and `abCDefGH` must not be another poster.
   */
  async sharer(code: string | undefined): Promise<string | null> {
    if (!code) return null
    // Asked on every poster request (a cached poster costs only this): the raw statement, not TypeORM's find.
    const [user] = await selectSql<{ shareCode: string }>(this.users.manager, this.sharerSql, { code })
    return user?.shareCode ?? null
  }

  private sharerSqlText?: string

  private get sharerSql(): string {
    const q = quoter(this.users.manager)
    this.sharerSqlText ??=
      `SELECT ${q('shareCode')} AS ${q('shareCode')} FROM ${q('app_user')} ` +
      `WHERE ${q('shareCode')} = :code AND ${q('deletedAt')} IS NULL`
    return this.sharerSqlText
  }

  /** The poster's cache key (and ETag): everything it shows, and the layout's version. */
  posterKey(s: PosterSubject, sharer: string | null): string {
    return hash([
      POSTER_LAYOUT_VERSION,
      s.id,
      s.title,
      s.summary,
      s.cover,
      s.authorName,
      s.authorAvatar,
      s.updatedAt.getTime(),
      this.codeKey(s.id, sharer),
    ])
  }

  /** The mini-program code's cache key (and ETag). */
  codeKey(articleId: number, sharer: string | null): string {
    return hash(['code', sceneOf(articleId, sharer), CODE.page, CODE.width, CODE.envVersion])
  }

  /** The poster, a palette PNG 750 px wide, drawn on a cache miss. */
  poster(s: PosterSubject, sharer: string | null, who: Requester): Promise<Buffer> {
    return this.posters.get(this.posterKey(s, sharer), async () => {
      await this.limits.consume('poster', who)
      const [code, cover, avatar] = await Promise.all([
        this.codeImage(s.id, sharer),
        this.image(s.cover, `cover of article ${s.id}`),
        this.image(s.authorAvatar, `avatar of article ${s.id}'s author`),
      ])
      return compactPng(
        renderPoster({
          title: s.title,
          summary: s.summary,
          authorName: s.authorName,
          cover,
          avatar,
          code,
          seed: s.id,
        }),
      )
    })
  }

  /** The mini-program code alone, as PNG. */
  code(articleId: number, sharer: string | null, who: Requester): Promise<Buffer> {
    return this.codes.get(this.codeKey(articleId, sharer), async () => {
      await this.limits.consume('poster', who)
      return this.fetchCode(articleId, sharer)
    })
  }

  /** The code for a poster being drawn (the poster's miss was counted already). */
  private async codeImage(articleId: number, sharer: string | null): Promise<Image> {
    const png = await this.codes.get(this.codeKey(articleId, sharer), () => this.fetchCode(articleId, sharer))
    return canvasLib().loadImage(png)
  }

  /** Asks WeChat; its failures (45009 quota, −1 busy, a network error, …) become a 503 in the one error shape. */
  private async fetchCode(articleId: number, sharer: string | null): Promise<Buffer> {
    const scene = sceneOf(articleId, sharer)
    try {
      const image = await this.wechat.getUnlimitedQrCode({ scene, ...CODE })
      return await toPng(image)
    } catch (e) {
      if (!(e instanceof WechatError)) throw e
      this.logger.warn(`getwxacodeunlimit failed for article ${articleId}: errcode ${e.errcode} ${e.errmsg}`)
      throw AppError.of(PosterErrors.POSTER_UNAVAILABLE)
    }
  }

  /** A cover or avatar, decoded; null (the poster draws a stand-in) when missing or unreadable. */
  private async image(url: string | null, what: string): Promise<Image | null> {
    if (!url) return null
    try {
      const bytes = await this.imageBytes(url)
      return bytes ? await canvasLib().loadImage(bytes) : null
    } catch (e) {
      this.logger.warn(`${what} (${url}) not drawn: ${(e as Error).message}`)
      return null
    }
  }

  /**
   * Our own files (`/media/…`, also under PUBLIC_URL) come from the file store; other http(s) URLs are fetched: from
   * our own PUBLIC_URL origin as they are, from anywhere else only when the host resolves to public addresses.
   */
  private async imageBytes(url: string): Promise<Buffer | null> {
    const local = url.startsWith(`${this.config.PUBLIC_URL}/`) ? url.slice(this.config.PUBLIC_URL.length) : url
    const key = this.store.keyOf(local)
    if (key) return this.store.get(key)
    if (!/^https?:\/\//.test(url)) return null
    const target = new URL(url)
    if (target.origin !== new URL(this.config.PUBLIC_URL).origin) await assertPublicHost(target)
    return fetchImage(target)
  }
}

const sceneOf = (articleId: number, sharer: string | null) => encodeScene({ target: 'article', id: articleId, sharer })
