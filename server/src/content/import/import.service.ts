import fs from 'node:fs/promises'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { Slug } from '@chuangan/shared'
import type matter from 'gray-matter'
import { Repository } from 'typeorm'
import { AppError } from '../../common/app-error'
import { Article } from '../article.entity'
import { ArticleWriter } from '../article-writer.service'
import { Author } from '../author.entity'
import { ContentColumn } from '../column.entity'
import { hotScore } from '../hot-score'
import { PublishingService } from '../publishing.service'
import { FrontMatter } from './front-matter'

export interface ImportReport {
  created: number
  updated: number
  failed: { file: string; reason: string }[]
}

export type ImportProgress = (done: number, total: number, file: string) => void

/**
 * Imports a folder of Markdown files with front matter. Each file is one article keyed by its file name, so
 * running it again updates instead of duplicating. A bad file is reported with its reason; the rest go in.
 * A past or absent `publishedAt` publishes; a future one schedules; `status: draft` keeps a draft.
 */
@Injectable()
export class ImportService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ContentColumn) private readonly columns: Repository<ContentColumn>,
    private readonly writer: ArticleWriter,
    private readonly publishing: PublishingService,
  ) {}

  async importFolder(folder: string, onProgress?: ImportProgress, now = new Date()): Promise<ImportReport> {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => {
      throw new Error(`cannot read folder ${folder}`)
    })
    const files = entries
      .filter((e) => e.isFile() && e.name.endsWith('.md'))
      .map((e) => e.name)
      .sort()
    const report: ImportReport = { created: 0, updated: 0, failed: [] }
    const published: Article[] = []
    for (const [i, file] of files.entries()) {
      try {
        const { article, created } = await this.importFile(path.join(folder, file), now)
        report[created ? 'created' : 'updated']++
        if (article.status === 'published') published.push(article)
      } catch (error) {
        report.failed.push({ file, reason: reasonOf(error) })
      }
      onProgress?.(i + 1, files.length, file)
    }
    // Related lists need every article's keywords first, so they are computed after the whole folder.
    for (const article of published) await this.publishing.revised(article)
    return report
  }

  async importFile(file: string, now = new Date()): Promise<{ article: Article; created: boolean }> {
    const slug = path.basename(file, '.md')
    const slugCheck = Slug.safeParse(slug)
    if (!slugCheck.success)
      throw new Error(`file name "${slug}" is not a valid slug (lowercase letters, digits, hyphens)`)
    let parsed: matter.GrayMatterFile<string>
    try {
      // Loaded on first import only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const parse = require('gray-matter') as typeof matter
      parsed = parse(await fs.readFile(file, 'utf8'))
    } catch (error) {
      throw new Error(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error })
    }
    const front = FrontMatter.safeParse(parsed.data)
    if (!front.success) {
      throw new Error(front.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; '))
    }
    const meta = front.data
    if (!parsed.content.trim()) throw new Error('the body is empty')
    const column = meta.column ? await this.columns.findOneBy({ slug: meta.column }) : null
    if (meta.column && !column) throw new Error(`unknown column "${meta.column}"`)
    const author = await this.authorFor(meta.author, now)

    const publishedAt = meta.publishedAt ?? now
    if (Number.isNaN(publishedAt.getTime())) throw new Error('publishedAt is not a date')
    const status = meta.status === 'draft' ? 'draft' : publishedAt.getTime() > now.getTime() ? 'scheduled' : 'published'
    const existing = await this.articles.findOneBy({ slug })
    const article = await this.writer.write(
      {
        slug,
        title: meta.title,
        summary: meta.summary,
        bodyFormat: 'markdown',
        body: parsed.content,
        authorId: author.id,
        columnId: column?.id ?? null,
        tags: meta.tags,
        cover: meta.cover ?? existing?.cover ?? null,
        status,
        publishedAt: status === 'draft' ? null : publishedAt,
      },
      existing ?? undefined,
      now,
    )
    if (article.status === 'published') {
      article.hotScore = hotScore(article, now)
      await this.articles.update({ id: article.id }, { hotScore: article.hotScore })
    }
    return { article, created: !existing }
  }

  /** An author by slug, else by name, else a new author with that name. */
  private async authorFor(ref: string, now: Date): Promise<Author> {
    const found = (await this.authors.findOneBy({ slug: ref })) ?? (await this.authors.findOneBy({ name: ref }))
    if (found) return found
    const slug = `author-${createHash('sha256').update(ref).digest('hex').slice(0, 8)}`
    return this.authors.save(
      this.authors.create({ slug, name: ref, bio: '', avatar: null, verified: false, userId: null, createdAt: now }),
    )
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError)
    return [error.message, ...(error.details ?? []).map((d) => `${d.path}: ${d.message}`)].join('; ')
  return error instanceof Error ? error.message : String(error)
}
