import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { FIRST_REPLIES, type CommentThread } from '@chuangan/shared'
import { Repository } from 'typeorm'
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
    const { authorReplies, firstReplies } = await this.replies(
      roots.map((r) => r.id),
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
   * The author's replies and the first replies of many threads in one query, not a few per thread: ROW_NUMBER() per
   * thread (readers' replies and the author's apart) picks the ids (window functions: SQLite ≥ 3.25, PostgreSQL,
   * MariaDB ≥ 10.2), and the rows with those ids are read in the same statement, oldest first.
   */
  private async replies(
    rootIds: number[],
    viewer: Viewer,
  ): Promise<{ authorReplies: Comment[]; firstReplies: Map<number, Comment[]> }> {
    const ranked = this.comments
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.isAuthorReply', 'ar')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY c.rootId, c.isAuthorReply ORDER BY c.createdAt ASC, c.id ASC)', 'rn')
      .where('c.rootId IN (:...rootIds)', { rootIds })
      // an author reply is published or deleted, never pending: the readers' rule shows exactly the published ones
      .andWhere(replyVisibleWhere(viewer))
    const rows = await this.comments
      .createQueryBuilder('r')
      .where(`r.id IN (SELECT t.id FROM (${ranked.getQuery()}) t WHERE t.ar = :authorReply OR t.rn <= :first)`)
      .setParameters({ ...ranked.getParameters(), authorReply: true, first: FIRST_REPLIES })
      .orderBy('r.createdAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany()
    const firstReplies = new Map<number, Comment[]>()
    for (const row of rows) {
      if (!row.isAuthorReply) firstReplies.set(row.rootId!, [...(firstReplies.get(row.rootId!) ?? []), row])
    }
    return { authorReplies: rows.filter((r) => r.isAuthorReply), firstReplies }
  }
}
