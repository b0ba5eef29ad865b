import { Injectable, Logger } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { Repository } from 'typeorm'
import { Article } from './article.entity'
import { demoArticles } from './demo/articles'

/** Fills an empty database with the demo articles; does nothing when articles exist. */
@Injectable()
export class DemoContentService {
  private readonly logger = new Logger(DemoContentService.name)

  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  async seedIfEmpty(now = new Date()): Promise<number> {
    if ((await this.articles.count()) > 0) return 0
    const rows = demoArticles.map((d, i) => {
      const publishedAt = new Date(now.getTime() - d.hoursAgo * 3_600_000)
      return this.articles.create({
        title: d.title,
        summary: d.summary,
        authorName: d.authorName,
        body: d.body,
        cover: null,
        status: 'published',
        publishedAt,
        readCount: 120 + ((i * 379) % 900),
        likeCount: 8 + ((i * 47) % 90),
        commentCount: 0,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
    })
    await this.articles.save(rows, { chunk: 50 })
    this.logger.log(`demo content loaded: ${rows.length} articles`)
    return rows.length
  }
}
