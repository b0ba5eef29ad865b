import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { ContentErrors } from '@chuangan/shared'
import { LessThanOrEqual, MoreThan, Repository } from 'typeorm'
import { Transactions } from '../database/transactions'
import { AppError } from '../common/app-error'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { Article } from './article.entity'
import { ContentCache } from './content-cache.service'
import { hotScore } from './hot-score'
import { PublishEvents } from './publish-events'
import { RelatedService } from './related/related.service'

const TICK_MS = 15_000
const HOT_REFRESH_MS = 10 * 60_000
/** Older articles have decayed to near zero; they keep their last score. */
const HOT_WINDOW_DAYS = 30

/** Moves articles through draft → scheduled → published → archived, and keeps derived data in step. */
@Injectable()
export class PublishingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PublishingService.name)
  private timers: NodeJS.Timeout[] = []

  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly related: RelatedService,
    private readonly cache: ContentCache,
    private readonly events: PublishEvents,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test') return
    const run = (what: string, fn: () => Promise<unknown>) => () =>
      fn().catch((error: unknown) => this.logger.error({ err: error }, `${what} failed`))
    this.timers = [
      setInterval(
        run('publishing due articles', () => this.publishDue()),
        TICK_MS,
      ),
      setInterval(
        run('refreshing hot scores', () => this.refreshHotScores()),
        HOT_REFRESH_MS,
      ),
    ]
    for (const t of this.timers) t.unref()
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearInterval(t)
  }

  async publish(article: Article, now = new Date()): Promise<Article> {
    if (article.status === 'published') return article
    article.status = 'published'
    // A scheduled article keeps the time it was due; anything else goes live now.
    if (!article.publishedAt || article.publishedAt.getTime() > now.getTime()) article.publishedAt = now
    article.hotScore = hotScore(article, now)
    article.updatedAt = now
    const saved = await this.transactions.run(async (em) => {
      const row = await em.save(article)
      await this.events.articlePublished(em, row)
      return row
    })
    await this.afterChange(saved)
    return saved
  }

  async schedule(article: Article, at: Date, now = new Date()): Promise<Article> {
    if (at.getTime() <= now.getTime()) {
      throw AppError.of(ContentErrors.SCHEDULE_NOT_IN_FUTURE, {
        details: [{ path: 'body.publishAt', message: 'must be in the future' }],
      })
    }
    if (article.status === 'published') throw AppError.of(ContentErrors.ALREADY_PUBLISHED)
    article.status = 'scheduled'
    article.publishedAt = at
    article.updatedAt = now
    return this.articles.save(article)
  }

  async archive(article: Article, now = new Date()): Promise<Article> {
    const wasPublished = article.status === 'published'
    article.status = 'archived'
    article.updatedAt = now
    const saved = await this.transactions.run(async (em) => {
      const row = await em.save(article)
      if (wasPublished) await this.events.articleWithdrawn(em, row)
      return row
    })
    await this.cache.invalidate()
    return saved
  }

  /** After a published article's text or tags were changed and committed: tells listeners, re-derives the rest. */
  async revised(article: Article): Promise<void> {
    if (article.status === 'published') {
      await this.transactions.run((em) => this.events.articleRevised(em, article))
    }
    await this.afterChange(article)
  }

  /** Publishes every scheduled article that is due. Safe with many processes: each claim is one conditional update. */
  async publishDue(now = new Date()): Promise<number> {
    const due = await this.articles.find({
      where: { status: 'scheduled', publishedAt: LessThanOrEqual(now) },
      order: { publishedAt: 'ASC' },
      take: 100,
    })
    let published = 0
    for (const article of due) {
      const claimed = await this.transactions.run(async (em) => {
        const claim = await em.update(
          Article,
          { id: article.id, status: 'scheduled' },
          { status: 'published', hotScore: hotScore(article, now), updatedAt: now },
        )
        if (!claim.affected) return false
        article.status = 'published'
        await this.events.articlePublished(em, article)
        return true
      })
      if (!claimed) continue
      published++
      await this.afterChange(article)
    }
    if (published) this.logger.log(`published ${published} scheduled article(s)`)
    return published
  }

  /** Recomputes the hot score of recent articles (age changes it even when nothing else does). */
  async refreshHotScores(now = new Date()): Promise<number> {
    const since = new Date(now.getTime() - HOT_WINDOW_DAYS * 86_400_000)
    const recent = await this.articles.find({
      select: {
        id: true,
        readCount: true,
        likeCount: true,
        commentCount: true,
        favoriteCount: true,
        shareCount: true,
        publishedAt: true,
        hotScore: true,
      },
      where: { status: 'published', publishedAt: MoreThan(since) },
    })
    let changed = 0
    for (const a of recent) {
      const score = hotScore(a, now)
      if (score === a.hotScore) continue
      await this.articles.update({ id: a.id }, { hotScore: score })
      changed++
    }
    return changed
  }

  /** Re-derives what depends on a published article: its keywords, related lists, and the shared cache. */
  async afterChange(article: Article): Promise<void> {
    if (article.status === 'published' || (await this.articles.existsBy({ id: article.id, status: 'published' }))) {
      await this.related.indexTerms(article)
      await this.related.refresh(article.id)
    }
    await this.cache.invalidate()
  }
}
