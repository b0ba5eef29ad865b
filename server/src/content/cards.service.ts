import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import type { ArticleCard, TagRef } from '@chuangan/shared'
import { Repository } from 'typeorm'
import { bindKey } from '../common/db'
import { quoter, selectSql } from '../database/raw-sql'
import { Article } from './article.entity'
import { Author } from './author.entity'
import { ContentColumn } from './column.entity'
import { ContentCache } from './content-cache.service'
import { ArticleTag } from './tag.entity'
import { authorRef, columnRef } from './views'

/** Turns articles into feed cards with three batched lookups (authors, columns, tags) per page. */
@Injectable()
export class CardsService {
  constructor(
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ContentColumn) private readonly columns: Repository<ContentColumn>,
    @InjectRepository(ArticleTag) private readonly articleTags: Repository<ArticleTag>,
    private readonly cache: ContentCache,
  ) {}

  async cards(articles: Article[]): Promise<ArticleCard[]> {
    if (articles.length === 0) return []
    const ids = articles.map((a) => a.id)
    const authorIds = [...new Set(articles.map((a) => a.authorId))]
    const columnIds = [...new Set(articles.map((a) => a.columnId).filter((c): c is number => c !== null))]
    // Authors and columns are few and shared by many cards: looked up through the content cache.
    const [authors, columns, tags] = await Promise.all([
      Promise.all(authorIds.map((id) => this.cache.value(`author:${id}`, () => this.authors.findOneBy({ id })))),
      Promise.all(columnIds.map((id) => this.cache.value(`column:${id}`, () => this.columns.findOneBy({ id })))),
      this.tagsOf(ids),
    ])
    const authorById = new Map(authors.filter((a) => a !== null).map((a) => [a.id, a]))
    const columnById = new Map(columns.filter((c) => c !== null).map((c) => [c.id, c]))
    return articles.map((a) => {
      const author = authorById.get(a.authorId)
      const column = a.columnId === null ? undefined : columnById.get(a.columnId)
      return {
        id: a.id,
        title: a.title,
        summary: a.summary,
        cover: a.cover,
        author: author
          ? authorRef(author)
          : { id: a.authorId, slug: '', name: '未知作者', avatar: null, verified: false },
        column: column ? columnRef(column) : null,
        tags: tags.get(a.id) ?? [],
        publishedAt: (a.publishedAt ?? a.createdAt).toISOString(),
        counts: {
          reads: a.readCount,
          likes: a.likeCount,
          comments: a.commentCount,
          favorites: a.favoriteCount,
          shares: a.shareCount,
        },
      }
    })
  }

  /** Tags of many articles at once, each list in tag-name order. */
  async tagsOf(articleIds: number[]): Promise<Map<number, TagRef[]>> {
    const rows = await selectSql<{ articleId: number | string; tagId: number | string; name: string }>(
      this.articleTags.manager,
      this.tagsSql,
      { ids: articleIds.map(bindKey) },
    )
    const out = new Map<number, TagRef[]>()
    for (const r of rows) {
      const list = out.get(Number(r.articleId)) ?? []
      list.push({ id: Number(r.tagId), name: r.name })
      out.set(Number(r.articleId), list)
    }
    return out
  }

  /** Written once per engine; the same text for each page size, so each is prepared once. */
  private tagsSqlText?: string

  private get tagsSql(): string {
    const q = quoter(this.articleTags.manager)
    this.tagsSqlText ??=
      `SELECT at.${q('articleId')} AS ${q('articleId')}, t.${q('id')} AS ${q('tagId')}, t.${q('name')} AS ${q('name')} ` +
      `FROM ${q('article_tag')} at INNER JOIN ${q('tag')} t ON t.${q('id')} = at.${q('tagId')} ` +
      `WHERE at.${q('articleId')} IN (:...ids) ORDER BY t.${q('name')} ASC`
    return this.tagsSqlText
  }
}
