import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'

@Entity('tag')
export class Tag {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_tag_name', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  name: string

  @Column({ type: Date })
  createdAt: Date
}

@Entity('article_tag')
@Index('IDX_article_tag_tag', ['tagId', 'articleId'])
export class ArticleTag {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'integer' })
  tagId: number
}
