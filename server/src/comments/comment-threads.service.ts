import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { FIRST_REPLIES, type CommentThread } from '@chuangan/shared'
import { In, Repository } from 'typeorm'
import { CommentViews } from './comment-views.service'
import { Comment } from './comment.entity'
import { replyVisibleWhere, type Viewer } from './visibility'

/** A page of top-level comments as threads: each with its reply count, the author's pinned reply, its first replies. */
@Injectable()
export class CommentThreads {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    private readonly views: CommentViews,
  ) {}

  /**
   * Threads for top-level rows: each with its reply count, the author's pinned reply and its first replies. When
   * `rows` is given, every row shown is added to it.
   */
  async threads(roots: Comment[], viewer: Viewer, rows?: Comment[]): Promise<CommentThread[]> {
    if (!roots.length) return []
    const ids = roots.map((r) => r.id)
    const authorReplies = await this.comments.find({
      where: { rootId: In(ids), isAuthorReply: true, status: 'published' },
      order: { createdAt: 'ASC', id: 'ASC' },
    })
    const firstReplies = await this.firstReplies(
      // skipped where nothing can be there for this viewer (a signed-in one may have pending replies anywhere)
      roots.filter((r) => r.replyCount > 0 || viewer).map((r) => r.id),
      viewer,
    )
    const shown = [...roots, ...authorReplies, ...[...firstReplies.values()].flat()]
    rows?.push(...shown)
    const views = await this.views.many(shown, viewer)
    const viewOf = new Map(views.map((v) => [v.id, v]))
    // The newest author reply is the pinned one (an editor's new author reply replaces the older one anyway).
    const pinned = new Map(authorReplies.map((a) => [a.rootId!, viewOf.get(a.id)!]))
    return roots.map((root) => ({
      ...viewOf.get(root.id)!,
      replyCount: root.replyCount,
      authorReply: pinned.get(root.id) ?? null,
      replies: (firstReplies.get(root.id) ?? []).map((r) => viewOf.get(r.id)!),
    }))
  }

  /**
   * The first replies of many threads in two queries, not one per thread: ROW_NUMBER() per thread picks the ids
   * (window functions: SQLite ≥ 3.25, PostgreSQL, MariaDB ≥ 10.2), then the rows are loaded by id.
   */
  private async firstReplies(rootIds: number[], viewer: Viewer): Promise<Map<number, Comment[]>> {
    const byRoot = new Map<number, Comment[]>()
    if (!rootIds.length) return byRoot
    const ranked = this.comments
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY c.rootId ORDER BY c.createdAt ASC, c.id ASC)', 'rn')
      .where('c.rootId IN (:...rootIds) AND c.isAuthorReply = :authorReply', { rootIds, authorReply: false })
      .andWhere(replyVisibleWhere(viewer))
    const picked = await this.comments.manager
      .createQueryBuilder()
      .select('t.id', 'id')
      .from(`(${ranked.getQuery()})`, 't')
      .where('t.rn <= :first', { first: FIRST_REPLIES })
      .setParameters(ranked.getParameters())
      .getRawMany<{ id: number | string }>()
    if (!picked.length) return byRoot
    const rows = await this.comments.find({
      where: { id: In(picked.map((p) => Number(p.id))) },
      order: { createdAt: 'ASC', id: 'ASC' },
    })
    for (const row of rows) byRoot.set(row.rootId!, [...(byRoot.get(row.rootId!) ?? []), row])
    return byRoot
  }
}
