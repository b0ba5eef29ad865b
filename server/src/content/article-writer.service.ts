import { Injectable } from '@nestjs/common'
import { ContentErrors, type ArticleStatus } from '@chuangan/shared'
import { In, type EntityManager } from 'typeorm'
import { Transactions } from '../database/transactions'
import { AppError } from '../common/app-error'
import { isUniqueViolation } from '../common/db'
import { Article, ArticleBody } from './article.entity'
import { Author } from './author.entity'
import { ContentColumn } from './column.entity'
import { renderBody } from './rich-text/render-body'
import { ArticleTag, Tag } from './tag.entity'

/** The fields an article is written from, by the editor API and by the importer alike. */
export interface ArticleDraft {
  title?: string
  summary?: string
  bodyFormat?: 'markdown' | 'html'
  body?: string
  authorId?: number
  columnId?: number | null
  tags?: string[]
  cover?: string | null
  slug?: string
  status?: ArticleStatus
  publishedAt?: Date | null
}

const SUMMARY_CHARS = 90

/** Creates and updates articles: renders and sanitises the body, checks references, links tags. */
@Injectable()
export class ArticleWriter {
  constructor(private readonly transactions: Transactions) {}

  /** Writes an article in one transaction; `existing` updates it, otherwise a new one is created. */
  async write(draft: ArticleDraft, existing?: Article, now = new Date()): Promise<Article> {
    try {
      return await this.transactions.run((em) => this.writeIn(em, draft, existing, now))
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw AppError.of(ContentErrors.ARTICLE_SLUG_TAKEN, {
          details: [{ path: 'body.slug', message: 'already used by another article' }],
        })
      }
      throw error
    }
  }

  private async writeIn(
    em: EntityManager,
    draft: ArticleDraft,
    existing: Article | undefined,
    now: Date,
  ): Promise<Article> {
    const article =
      existing ??
      em.create(Article, {
        createdAt: now,
        status: 'draft',
        publishedAt: null,
        slug: null,
        cover: null,
        columnId: null,
      })
    if (draft.authorId !== undefined) {
      if (!(await em.existsBy(Author, { id: draft.authorId }))) {
        throw AppError.of(ContentErrors.UNKNOWN_AUTHOR, { field: 'body.authorId' })
      }
      article.authorId = draft.authorId
    }
    if (article.authorId === undefined) throw AppError.of(ContentErrors.AUTHOR_REQUIRED, { field: 'body.authorId' })
    if (draft.columnId !== undefined) {
      if (draft.columnId !== null && !(await em.existsBy(ContentColumn, { id: draft.columnId }))) {
        throw AppError.of(ContentErrors.UNKNOWN_COLUMN, { field: 'body.columnId' })
      }
      article.columnId = draft.columnId
    }
    if (draft.title !== undefined) article.title = draft.title
    if (draft.cover !== undefined) article.cover = draft.cover
    if (draft.slug !== undefined) article.slug = draft.slug
    if (draft.status !== undefined) article.status = draft.status
    if (draft.publishedAt !== undefined) article.publishedAt = draft.publishedAt
    let body: ArticleBody | null = null
    if (draft.body !== undefined || draft.bodyFormat !== undefined) {
      const current = existing ? await em.findOneBy(ArticleBody, { articleId: existing.id }) : null
      const format = draft.bodyFormat ?? current?.format ?? 'markdown'
      const source = draft.body ?? current?.source
      if (source === undefined) throw AppError.of(ContentErrors.BODY_REQUIRED, { field: 'body.body' })
      const rendered = renderBody(source, format)
      if (rendered.length === 0 && !/<img/.test(rendered.html)) {
        throw AppError.of(ContentErrors.BODY_EMPTY, { field: 'body.body' })
      }
      body = em.create(ArticleBody, { format, source, html: rendered.html, nodes: JSON.stringify(rendered.nodes) })
      article.bodyLength = rendered.length
      if (draft.summary === undefined && !article.summary) {
        article.summary = clip(rendered.firstParagraph, SUMMARY_CHARS)
      }
    } else if (!existing) {
      throw AppError.of(ContentErrors.BODY_REQUIRED, { field: 'body.body' })
    }
    if (draft.summary !== undefined) article.summary = draft.summary
    article.updatedAt = now
    const saved = await em.save(Article, article)
    if (body) await em.save(ArticleBody, { ...body, articleId: saved.id })
    if (draft.tags !== undefined) await this.linkTags(em, saved.id, draft.tags, now)
    return saved
  }

  /** Replaces an article's tags, creating tags that do not exist yet. */
  private async linkTags(em: EntityManager, articleId: number, names: string[], now: Date): Promise<void> {
    const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))]
    const known = unique.length ? await em.findBy(Tag, { name: In(unique) }) : []
    const missing = unique.filter((n) => !known.some((t) => t.name === n))
    for (const name of missing) known.push(await em.save(Tag, em.create(Tag, { name, createdAt: now })))
    await em.delete(ArticleTag, { articleId })
    if (known.length)
      await em.insert(
        ArticleTag,
        known.map((t) => ({ articleId, tagId: t.id })),
      )
  }
}

function clip(text: string, chars: number): string {
  const all = [...text.replace(/\s+/g, ' ').trim()]
  return all.length <= chars ? all.join('') : `${all.slice(0, chars - 1).join('')}…`
}
