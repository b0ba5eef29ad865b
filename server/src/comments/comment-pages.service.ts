import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { ContentErrors, type CommentListQuery, type CommentPage, type CommentVoteKind } from '@chuangan/shared'
import { LRUCache } from 'lru-cache'
import { Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey } from '../common/db'
import { keysetPage } from '../common/keyset'
import { Article } from '../content/article.entity'
import { ContentCache } from '../content/content-cache.service'
import { CommentThreads } from './comment-threads.service'
import { Comment, CommentVote } from './comment.entity'
import { isEditor, threadVisibleWhere, type Viewer } from './visibility'

/** Featured (精选) threads shown above the first page; editors feature a handful, this only bounds a mistake. */
const FEATURED_MAX = 20

/** How every comment view of a shared page reads before the reader's part is put in. */
const NOBODYS = Buffer.from('"myVote":null,"mine":false')

/** Statuses only a comment's writer (and editors) see: a reader who has such a comment on the article gets their own page. */
const PRIVATE = ['pending', 'hidden']

/** The readers of an article who have comments only they see there (pending or hidden ones). */
interface ArticleReaders {
  bytes: number
  privateOwners: Set<number>
}

/**
 * A comment page as an anonymous reader sees it, encoded once; `slots` lists every comment view in it, in document
 * order: its id, who may call it theirs (`mine`; 0 for nobody) and where its `"myVote":null,"mine":false` starts.
 */
interface SharedPage {
  bytes: number
  /** Unique to this page as loaded: a reader's votes on it are remembered under it (see `votesOn`). */
  serial: number
  body: Buffer
  slots: { id: number; owner: number; at: number }[]
}

/** A reader's votes on the comments of one shared page, by comment id (most readers have none: NO_VOTES). */
type Votes = ReadonlyMap<number, CommentVoteKind>
const NO_VOTES: Votes = new Map()

/**
 * The comment lists of articles. A page is the same for every reader but for the reader's own votes and comments
 * (and editors, who see more): the shared page is kept in the content cache, scoped by article, and the reader's
 * votes are put in from one indexed query. A reader with a pending or hidden comment on the article, and any editor,
 * gets a page built for them. Every write that changes what a page shows calls `changed` (or `userChanged`) once
 * it is committed, which forgets that article's pages in every process.
 */
@Injectable()
export class CommentPages {
  /**
   * Readers' votes on shared pages, by page serial and reader: a page's serial changes whenever the page is loaded
   * again, that is after any change to its article's comments (a vote included), so an entry is never stale.
   */
  private readonly votes = new LRUCache<string, Votes>({
    max: 50_000,
    maxSize: 4 * 1024 * 1024,
    sizeCalculation: (v) => 48 + 32 * v.size,
    ttl: 30_000,
  })
  private serials = 0

  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(CommentVote) private readonly voteRows: Repository<CommentVote>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly threadViews: CommentThreads,
    private readonly cache: ContentCache,
  ) {}

  /** A page of an article's threads (精选 first on the first page) as the viewer sees it, as JSON. */
  async list(articleId: number, query: CommentListQuery, viewer: Viewer): Promise<Buffer | CommentPage> {
    if (isEditor(viewer)) return (await this.build(articleId, query, viewer)).page
    const scope = scopeOf(articleId)
    if (viewer) {
      const readers = await this.cache.scoped(scope, 'readers', () => this.readersOf(articleId))
      if (readers.privateOwners.has(viewer.id)) return (await this.build(articleId, query, viewer)).page
    }
    const key = `page:${query.sort}:${query.limit}:${query.cursor ?? ''}`
    const shared = await this.cache.scoped(scope, key, () => this.shared(articleId, query))
    return viewer ? this.withReader(shared, viewer.id) : shared.body
  }

  /** Comments on these articles changed (call after the change is committed): their pages go, in every process. */
  changed(...articleIds: number[]): Promise<void> {
    return this.cache.invalidateScope(...[...new Set(articleIds)].map(scopeOf))
  }

  /**
   * A user's name or avatar changed, or the account went (已注销用户): every page that shows them goes, that is the
   * pages of every article they commented on (replies answering them, 回复 @name, are on the same articles).
   */
  async userChanged(userId: number): Promise<void> {
    const rows = await this.comments
      .createQueryBuilder('c')
      .select('DISTINCT c.articleId', 'articleId')
      .where('c.userId = :userId', { userId: bindKey(userId) })
      .getRawMany<{ articleId: number | string }>()
    await this.changed(...rows.map((r) => Number(r.articleId)))
  }

  /** The reader's votes and comments put into the shared page: the page as is when they have none there. */
  private async withReader(shared: SharedPage, viewerId: number): Promise<Buffer> {
    const { body, slots } = shared
    if (!slots.length) return body
    const voteOf = await this.votesOn(shared, viewerId)
    const parts: Buffer[] = []
    let from = 0
    for (const slot of slots) {
      const vote = voteOf.get(slot.id) ?? null
      const mine = slot.owner === viewerId
      if (vote === null && !mine) continue
      parts.push(body.subarray(from, slot.at), Buffer.from(`"myVote":${JSON.stringify(vote)},"mine":${mine}`))
      from = slot.at + NOBODYS.length
    }
    if (!parts.length) return body
    parts.push(body.subarray(from))
    return Buffer.concat(parts)
  }

  /** The reader's votes on the page's comments: one indexed query, then remembered with the page. */
  private async votesOn(shared: SharedPage, viewerId: number): Promise<Votes> {
    const key = `${shared.serial}:${viewerId}`
    const known = this.votes.get(key)
    if (known) return known
    const rows = await this.voteRows
      .createQueryBuilder('v')
      .select('v.commentId', 'commentId')
      .addSelect('v.kind', 'kind')
      .where('v.userId = :userId AND v.commentId IN (:...ids)', {
        userId: bindKey(viewerId),
        ids: shared.slots.map((s) => s.id),
      })
      .getRawMany<{ commentId: number | string; kind: CommentVoteKind }>()
    const votes = rows.length ? new Map(rows.map((v) => [Number(v.commentId), v.kind])) : NO_VOTES
    this.votes.set(key, votes)
    return votes
  }

  private async readersOf(articleId: number): Promise<ArticleReaders> {
    const rows = await this.comments
      .createQueryBuilder('c')
      .select('DISTINCT c.userId', 'userId')
      .where('c.articleId = :articleId AND c.status IN (:...private)', {
        articleId: bindKey(articleId),
        private: PRIVATE,
      })
      .getRawMany<{ userId: number | string }>()
    return { bytes: 64 + 16 * rows.length, privateOwners: new Set(rows.map((r) => Number(r.userId))) }
  }

  /** The page an anonymous reader sees, encoded, with where each comment's reader part goes. */
  private async shared(articleId: number, query: CommentListQuery): Promise<SharedPage> {
    const { page, rows } = await this.build(articleId, query, null)
    const body = Buffer.from(JSON.stringify(page))
    const owners = new Map(rows.map((r) => [r.id, r.status === 'deleted' ? 0 : r.userId]))
    const ids = page.items.flatMap((t) => [
      t.id,
      ...(t.authorReply ? [t.authorReply.id] : []),
      ...t.replies.map((r) => r.id),
    ])
    const slots: SharedPage['slots'] = []
    let at = -1
    for (const id of ids) {
      at = body.indexOf(NOBODYS, at + 1)
      // Each view is written with its id first and the reader's part before anything it nests, so views and
      // fragments pair up in order; anything else is a bug in this file.
      if (at < 0) throw new Error(`comment page of article ${articleId}: no reader part for comment ${id}`)
      slots.push({ id, owner: owners.get(id) ?? 0, at })
    }
    if (body.indexOf(NOBODYS, at + 1) >= 0) throw new Error(`comment page of article ${articleId}: stray reader part`)
    return { bytes: body.length + 48 * slots.length + 64, serial: ++this.serials, body, slots }
  }

  /** A page built for one viewer, with the rows of every comment it shows. */
  private async build(
    articleId: number,
    query: CommentListQuery,
    viewer: Viewer,
  ): Promise<{ page: CommentPage; rows: Comment[] }> {
    const article = await this.articles.findOne({
      select: { id: true, commentCount: true, commentsClosed: true },
      where: { id: articleId, status: 'published' },
    })
    if (!article) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    const threads = () =>
      this.comments
        .createQueryBuilder('c')
        .where('c.articleId = :articleId AND c.rootId IS NULL', { articleId: bindKey(articleId) })
        .andWhere(threadVisibleWhere(viewer))
    const hot = query.sort === 'hot'
    const order = {
      key: hot
        ? { column: 'c.hotScore', kind: 'integer' as const, of: (c: Comment) => c.hotScore }
        : { column: 'c.createdAt', kind: 'time' as const, of: (c: Comment) => c.createdAt.getTime() },
      id: { column: 'c.id', of: (c: Comment) => c.id },
    }
    // 精选 threads head the first page, in the same order; the pages below hold the rest.
    const featured = query.cursor
      ? []
      : (
          await keysetPage(threads().andWhere('c.featured = :featured', { featured: true }), {
            order: query.sort,
            ...order,
            limit: FEATURED_MAX,
          })
        ).items
    const { items: page, nextCursor } = await keysetPage(
      threads().andWhere('c.featured = :featured', { featured: false }),
      { order: query.sort, ...order, limit: query.limit, cursor: query.cursor },
    )
    const rows: Comment[] = []
    const items = await this.threadViews.threads([...featured, ...page], viewer, rows)
    return {
      page: { items, nextCursor, total: article.commentCount, closed: article.commentsClosed },
      rows,
    }
  }
}

const scopeOf = (articleId: number): string => `comments:${articleId}`
