import { Column, Entity, Index, PrimaryColumn } from 'typeorm'

/** One reader's like of one article; the article's `likeCount` always equals its rows here. */
@Entity('article_like')
@Index('IDX_article_like_user', ['userId', 'createdAt'])
export class ArticleLike {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'integer' })
  userId: number

  @Column({ type: Date })
  createdAt: Date
}
