import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { DELETED_USER_NAME, type CommentAuthor, type CommentView } from '@chuangan/shared'
import { In, Repository } from 'typeorm'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { User } from '../users/user.entity'
import { Comment, CommentVote } from './comment.entity'
import { displayName } from '../users/display-name'
import { canSee, type Viewer } from './visibility'

/** Shown for a reader who has not set a nickname (WeChat no longer gives it to us). */
export const DELETED_PLACEHOLDER = '该评论已删除'
export const HIDDEN_PLACEHOLDER = '该评论已被隐藏'

const NOBODY: CommentAuthor = { userId: null, name: '', avatar: null, badge: null }

type Target = Pick<Comment, 'id' | 'userId' | 'articleId' | 'isAuthorReply' | 'status'>

/**
 * Turns comment rows into what a viewer sees: the writer's name and avatar (已注销用户 for a deleted account, the
 * article's author for an author reply), 回复 @name for a reply to a reply the viewer can see, the viewer's own vote,
 * and placeholders for deleted and hidden comments. Loads everything it needs for a whole page in a handful of
 * queries.
 */
@Injectable()
export class CommentViews {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(CommentVote) private readonly votes: Repository<CommentVote>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
  ) {}

  async one(row: Comment, viewer: Viewer): Promise<CommentView> {
    return (await this.many([row], viewer))[0]
  }

  /** Views of the rows, in their order. */
  async many(rows: Comment[], viewer: Viewer): Promise<CommentView[]> {
    if (rows.length === 0) return []
    const byId = new Map<number, Target>(rows.map((r) => [r.id, r]))
    const missing = [...new Set(rows.map((r) => r.replyToId).filter((id): id is number => id !== null))].filter(
      (id) => !byId.has(id),
    )
    if (missing.length) {
      const targets = await this.comments.find({
        select: { id: true, userId: true, articleId: true, isAuthorReply: true, status: true },
        where: { id: In(missing) },
      })
      for (const t of targets) byId.set(t.id, t)
    }
    const everyone = [...byId.values()]
    const [users, authors, myVotes] = await Promise.all([
      this.usersOf(everyone.filter((c) => !c.isAuthorReply).map((c) => c.userId)),
      this.authorsOf(everyone.filter((c) => c.isAuthorReply).map((c) => c.articleId)),
      viewer
        ? this.votes.find({ where: { userId: viewer.id, commentId: In(rows.map((r) => r.id)) } })
        : Promise.resolve([]),
    ])
    const voteOf = new Map(myVotes.map((v) => [v.commentId, v.kind]))
    const authorOf = (c: Target): CommentAuthor => {
      if (c.isAuthorReply) {
        const author = authors.get(c.articleId)
        return { userId: null, name: author?.name ?? '作者', avatar: author?.avatar ?? null, badge: 'author' }
      }
      const user = users.get(c.userId)
      if (!user || user.deletedAt) return { userId: null, name: DELETED_USER_NAME, avatar: null, badge: 'deleted' }
      return { userId: user.id, name: displayName(user), avatar: user.avatarUrl, badge: null }
    }

    return rows.map((c) => {
      const target = c.replyToId !== null && c.replyToId !== c.rootId ? byId.get(c.replyToId) : undefined
      const shown = canSee(c, viewer)
      return {
        id: c.id,
        articleId: c.articleId,
        rootId: c.rootId,
        // 回复 @name only while the viewer may see the answered reply: a hidden or deleted one does not name its writer.
        replyTo: target && canSee(target, viewer) ? { id: target.id, name: authorOf(target).name } : null,
        author: shown ? authorOf(c) : NOBODY,
        content: shown ? c.content : c.status === 'hidden' ? HIDDEN_PLACEHOLDER : DELETED_PLACEHOLDER,
        status: c.status,
        featured: c.featured,
        likes: c.likeCount,
        dislikes: c.dislikeCount,
        myVote: voteOf.get(c.id) ?? null,
        mine: viewer !== null && viewer.id === c.userId && c.status !== 'deleted',
        createdAt: c.createdAt.toISOString(),
      }
    })
  }

  private async usersOf(ids: number[]): Promise<Map<number, User>> {
    const unique = [...new Set(ids)]
    if (!unique.length) return new Map()
    const rows = await this.users.find({
      select: { id: true, nickname: true, avatarUrl: true, deletedAt: true },
      where: { id: In(unique) },
    })
    return new Map(rows.map((u) => [u.id, u]))
  }

  /** The author shown on author replies, by article id (one query). */
  private async authorsOf(articleIds: number[]): Promise<Map<number, Pick<Author, 'name' | 'avatar'>>> {
    const unique = [...new Set(articleIds)]
    if (!unique.length) return new Map()
    const rows = await this.articles
      .createQueryBuilder('a')
      .innerJoin(Author, 'au', 'au.id = a.authorId')
      .select('a.id', 'articleId')
      .addSelect('au.name', 'name')
      .addSelect('au.avatar', 'avatar')
      .where('a.id IN (:...ids)', { ids: unique })
      .getRawMany<{ articleId: number | string; name: string; avatar: string | null }>()
    return new Map(rows.map((r) => [Number(r.articleId), { name: r.name, avatar: r.avatar }]))
  }
}
