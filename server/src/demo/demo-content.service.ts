import fs from 'node:fs'
import path from 'node:path'
import { Inject, Injectable, Logger } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, In } from 'typeorm'
import { DEFAULT_FOLDER_NAME } from '@chuangan/shared'
import { AdSlot } from '../ads/ad-slot.entity'
import { ArticleLike } from '../engagement/article-like.entity'
import { seedDemoComments } from './demo-comments'
import { Favorite, FavoriteFolder } from '../favorites/favorite.entity'
import { demoShareRows } from './demo-shares'
import { newShareCode } from '../users/share-code'
import { ShareEvent, ShareOpen } from '../share/share.entity'
import { User } from '../users/user.entity'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { hotScore } from '../content/hot-score'
import { ImportService } from '../content/import/import.service'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from '../content/periodical.entity'
import { Tag } from '../content/tag.entity'
import { renderAvatar, renderCover } from './cover-art'

/** The demo site, written for this project: `server/demo/site.json` and `server/demo/articles/*.md`. */
/** How many demo reader accounts like the demo articles (likes per article are capped at this). */
const DEMO_READERS = 240

export const DEMO_DIR = path.resolve(__dirname, '../../demo')

interface DemoSite {
  authors: { slug: string; name: string; bio: string; verified: boolean }[]
  columns: { slug: string; name: string; description: string; author: string }[]
  tags: string[]
  periodicals: {
    slug: string
    name: string
    description: string
    issues: { number: number; title: string; publishedAt: string; articles: string[] }[]
  }[]
  adSlots: {
    placement: 'article' | 'feed'
    title: string
    imageText: string
    linkUrl: string | null
    wechatUnitId: string | null
  }[]
}

/** Loads the demo site into an empty database (nothing happens when articles exist). */
@Injectable()
export class DemoContentService {
  private readonly logger = new Logger(DemoContentService.name)

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly importer: ImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** @param images generate covers, avatars and ad images (off in API tests, where rendering is slow under jest). */
  async seedIfEmpty(now = new Date(), { images = true } = {}): Promise<number> {
    this.images = images
    if ((await this.db.manager.count(Article)) > 0) return 0
    const site = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'site.json'), 'utf8')) as DemoSite
    const em = this.db.manager

    const authors = await em.save(
      site.authors.map((a) =>
        em.create(Author, {
          slug: a.slug,
          name: a.name,
          bio: a.bio,
          verified: a.verified,
          avatar: this.media(`avatars/${a.slug}.png`, () => renderAvatar(a.slug)),
          userId: null,
          createdAt: now,
        }),
      ),
    )
    const authorBySlug = new Map(authors.map((a) => [a.slug, a]))
    await em.save(
      site.columns.map((c, position) =>
        em.create(ContentColumn, {
          slug: c.slug,
          name: c.name,
          description: c.description,
          cover: null,
          authorId: authorBySlug.get(c.author)?.id ?? null,
          position,
          createdAt: now,
        }),
      ),
    )
    await em.save(site.tags.map((name) => em.create(Tag, { name, createdAt: now })))

    const report = await this.importer.importFolder(path.join(DEMO_DIR, 'articles'), undefined, now)
    for (const f of report.failed) this.logger.warn(`demo article ${f.file} skipped: ${f.reason}`)

    // Covers, and engagement that makes 热门 differ from 最新 (deterministic per article).
    // Demo readers, so that every like and favorite shown is a real row (a count always equals its rows).
    const readers = await em.save(
      Array.from({ length: DEMO_READERS }, (_, i) =>
        em.create(User, {
          nickname: `演示读者${i + 1}`,
          openid: null,
          unionid: null,
          avatarUrl: null,
          role: 'reader',
          shareCode: newShareCode(),
          createdAt: now,
        }),
      ),
    )
    const articles = await em.find(Article, { order: { id: 'ASC' } })
    for (const a of articles) {
      a.cover = this.media(`covers/${a.slug}.png`, () => renderCover(a.slug ?? String(a.id)))
      const seed = hash(a.slug ?? String(a.id))
      a.readCount = 80 + (seed % 4200)
      a.likeCount = Math.min(DEMO_READERS, Math.round(a.readCount * (0.02 + ((seed >>> 8) % 60) / 1000)))
      a.favoriteCount = Math.round(a.likeCount * 0.4)
      a.shareCount = Math.round(a.likeCount * 0.25)
      a.hotScore = hotScore(a, now)
      await em.update(
        Article,
        { id: a.id },
        {
          cover: a.cover,
          readCount: a.readCount,
          likeCount: a.likeCount,
          favoriteCount: a.favoriteCount,
          shareCount: a.shareCount,
          hotScore: a.hotScore,
        },
      )
    }

    const likes = articles.flatMap((a) =>
      readers.slice(0, a.likeCount).map((r) => ({ articleId: a.id, userId: r.id, createdAt: now })),
    )
    for (let i = 0; i < likes.length; i += 500) await em.insert(ArticleLike, likes.slice(i, i + 500))

    // The first `favoriteCount` demo readers keep each article in their default folder.
    const collectors = readers.slice(0, Math.max(0, ...articles.map((a) => a.favoriteCount)))
    const folders = await em.save(
      collectors.map((r) =>
        em.create(FavoriteFolder, { userId: r.id, name: DEFAULT_FOLDER_NAME, isDefault: true, createdAt: now }),
      ),
    )
    const favorites = articles.flatMap((a) =>
      folders
        .slice(0, a.favoriteCount)
        .map((f) => ({ folderId: f.id, articleId: a.id, userId: f.userId, createdAt: now })),
    )
    for (let i = 0; i < favorites.length; i += 500) await em.insert(Favorite, favorites.slice(i, i + 500))

    // Shares by demo readers and the opens they brought, as rows (so `shareCount` equals them).
    const shares = demoShareRows(articles, readers, now)
    for (let i = 0; i < shares.events.length; i += 500) await em.insert(ShareEvent, shares.events.slice(i, i + 500))
    for (let i = 0; i < shares.opens.length; i += 500) await em.insert(ShareOpen, shares.opens.slice(i, i + 500))

    // Comments, replies and comment likes on the most-read articles, as rows.
    await seedDemoComments(em, articles, readers, now)

    const idBySlug = new Map(articles.map((a) => [a.slug, a.id]))
    for (const p of site.periodicals) {
      const periodical = await em.save(
        em.create(Periodical, { slug: p.slug, name: p.name, description: p.description, cover: null, createdAt: now }),
      )
      for (const issue of p.issues) {
        const saved = await em.save(
          em.create(PeriodicalIssue, {
            periodicalId: periodical.id,
            number: issue.number,
            title: issue.title,
            publishedAt: new Date(issue.publishedAt),
            createdAt: now,
          }),
        )
        const ids = issue.articles.map((s) => idBySlug.get(s)).filter((id): id is number => id !== undefined)
        const published = await em.find(Article, { select: { id: true }, where: { id: In(ids), status: 'published' } })
        const keep = ids.filter((id) => published.some((a) => a.id === id))
        if (keep.length)
          await em.insert(
            PeriodicalIssueArticle,
            keep.map((articleId, position) => ({ issueId: saved.id, articleId, position })),
          )
      }
    }
    await em.save(
      site.adSlots.map((ad) =>
        em.create(AdSlot, {
          placement: ad.placement,
          title: ad.title,
          wechatUnitId: ad.wechatUnitId,
          // Without images a house ad has nothing to show: keep the slot, switched off.
          imageUrl: this.media(`ads/${ad.placement}.png`, () => renderCover(`ad-${ad.placement}`, 690, 200)),
          linkUrl: ad.linkUrl,
          startsAt: null,
          endsAt: null,
          active: this.images || ad.wechatUnitId !== null,
          createdAt: now,
        }),
      ),
    )
    this.logger.log(`demo content loaded: ${report.created} articles, ${report.failed.length} skipped`)
    return report.created
  }

  /** Writes a generated image into the media folder once and returns its public path. */
  private images = true

  private media(relative: string, render: () => Buffer): string | null {
    if (!this.images) return null
    const file = path.join(path.resolve(this.config.MEDIA_DIR), relative)
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, render())
    }
    return `/media/${relative}`
  }
}

function hash(text: string): number {
  let h = 2166136261
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0
  return h
}
