import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  ContentErrors,
  EditorErrors,
  type AuthorInput,
  type ColumnInput,
  type DeclaredError,
  type IssueInput,
  type PeriodicalInput,
} from '@chuangan/shared'
import { DataSource, In } from 'typeorm'
import { Transactions } from '../database/transactions'
import { AppError } from '../common/app-error'
import { isUniqueViolation } from '../common/db'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { ContentCache } from '../content/content-cache.service'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from '../content/periodical.entity'
import { PublishEvents } from '../content/publish-events'
import { Tag } from '../content/tag.entity'
import { User } from '../users/user.entity'

/** Authors, columns, tags and periodicals, as editors set them up. Each change clears the content cache. */
@Injectable()
export class EditorCatalogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: ContentCache,
    private readonly transactions: Transactions,
    private readonly events: PublishEvents,
  ) {}

  async createAuthor(input: AuthorInput, now = new Date()): Promise<{ id: number }> {
    if (input.userId != null && !(await this.db.manager.existsBy(User, { id: input.userId }))) {
      throw AppError.of(EditorErrors.UNKNOWN_USER, { field: 'body.userId' })
    }
    const author = this.db.manager.create(Author, {
      slug: input.slug,
      name: input.name,
      bio: input.bio ?? '',
      avatar: input.avatar ?? null,
      verified: input.verified ?? false,
      userId: input.userId ?? null,
      createdAt: now,
    })
    return this.saved(() => this.db.manager.save(author), 'body.slug', EditorErrors.AUTHOR_SLUG_TAKEN)
  }

  async createColumn(input: ColumnInput, now = new Date()): Promise<{ id: number }> {
    await this.requireAuthor(input.authorId)
    const column = this.db.manager.create(ContentColumn, {
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      cover: input.cover ?? null,
      authorId: input.authorId ?? null,
      position: input.position ?? 0,
      createdAt: now,
    })
    return this.saved(() => this.db.manager.save(column), 'body.slug', EditorErrors.COLUMN_SLUG_TAKEN)
  }

  async updateColumn(id: number, input: Partial<ColumnInput>): Promise<{ id: number }> {
    const column = await this.db.manager.findOneBy(ContentColumn, { id })
    if (!column) throw AppError.of(ContentErrors.COLUMN_NOT_FOUND)
    await this.requireAuthor(input.authorId)
    const { slug, name, description, cover, authorId, position } = input
    Object.assign(
      column,
      Object.fromEntries(
        Object.entries({ slug, name, description, cover, authorId, position }).filter(([, v]) => v !== undefined),
      ),
    )
    return this.saved(() => this.db.manager.save(column), 'body.slug', EditorErrors.COLUMN_SLUG_TAKEN)
  }

  async createTag(name: string, now = new Date()): Promise<{ id: number }> {
    return this.saved(
      () => this.db.manager.save(this.db.manager.create(Tag, { name, createdAt: now })),
      'body.name',
      EditorErrors.TAG_NAME_TAKEN,
    )
  }

  async createPeriodical(input: PeriodicalInput, now = new Date()): Promise<{ id: number }> {
    const periodical = this.db.manager.create(Periodical, {
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      cover: input.cover ?? null,
      createdAt: now,
    })
    return this.saved(() => this.db.manager.save(periodical), 'body.slug', EditorErrors.PERIODICAL_SLUG_TAKEN)
  }

  /** An issue lists published articles only, in the given order. */
  async createIssue(periodicalId: number, input: IssueInput, now = new Date()): Promise<{ id: number }> {
    if (!(await this.db.manager.existsBy(Periodical, { id: periodicalId })))
      throw AppError.of(ContentErrors.PERIODICAL_NOT_FOUND)
    const ids = [...new Set(input.articleIds)]
    const published = await this.db.manager.find(Article, {
      select: { id: true },
      where: { id: In(ids), status: 'published' },
    })
    const missing = ids.filter((id) => !published.some((a) => a.id === id))
    if (missing.length) {
      throw AppError.of(EditorErrors.ISSUE_ARTICLES_UNPUBLISHED, {
        params: { ids: missing.join(', ') },
        field: 'body.articleIds',
      })
    }
    return this.saved(
      () =>
        this.transactions.run(async (em) => {
          const issue = await em.save(
            em.create(PeriodicalIssue, {
              periodicalId,
              number: input.number,
              title: input.title,
              publishedAt: input.publishedAt ? new Date(input.publishedAt) : now,
              createdAt: now,
            }),
          )
          await em.insert(
            PeriodicalIssueArticle,
            ids.map((articleId, position) => ({ issueId: issue.id, articleId, position })),
          )
          await this.events.issuePublished(em, issue)
          return issue
        }),
      'body.number',
      EditorErrors.ISSUE_NUMBER_TAKEN,
    )
  }

  private async requireAuthor(authorId: number | null | undefined): Promise<void> {
    if (authorId != null && !(await this.db.manager.existsBy(Author, { id: authorId })))
      throw AppError.of(ContentErrors.UNKNOWN_AUTHOR, { field: 'body.authorId' })
  }

  /** Saves, maps a duplicate key to the given 409 on the given field, and clears the content cache. */
  private async saved(
    save: () => Promise<{ id: number }>,
    path: string,
    taken: DeclaredError,
  ): Promise<{ id: number }> {
    try {
      const { id } = await save()
      await this.cache.invalidate()
      return { id }
    } catch (error) {
      if (isUniqueViolation(error)) throw AppError.of(taken, { details: [{ path, message: 'already exists' }] })
      throw error
    }
  }
}
