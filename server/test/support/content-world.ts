import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource } from 'typeorm'
import { type Article } from '../../src/content/article.entity'
import { ArticleWriter } from '../../src/content/article-writer.service'
import { Author } from '../../src/content/author.entity'
import { ContentColumn } from '../../src/content/column.entity'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from '../../src/content/periodical.entity'
import { PublishingService } from '../../src/content/publishing.service'
import { ContentCache } from '../../src/content/content-cache.service'
import { resetDatabase } from './test-app'

export interface World {
  authors: Author[]
  columns: ContentColumn[]
  published: Article[]
  draft: Article
  periodical: Periodical
}

const TOPICS = [
  { title: 'MEMS 压力传感器的温漂补偿', tags: ['MEMS', '压力传感器'] },
  { title: '激光雷达在自动驾驶中的量产进展', tags: ['激光雷达', '自动驾驶'] },
  { title: '电化学气体传感器的交叉干扰', tags: ['气体传感', '安全监测'] },
  { title: '工业物联网网关的协议选择', tags: ['工业物联网'] },
  { title: 'MEMS 压力芯片的封装应力', tags: ['MEMS', '压力传感器', '封装'] },
]

/**
 * A small content world: 2 authors, 2 columns, 25 published articles (timestamps one minute apart, three
 * sharing one timestamp to test tie-breaks), one draft, and a periodical with one issue.
 */
export async function buildWorld(app: NestFastifyApplication, base = Date.UTC(2026, 10, 1, 8, 0, 0)): Promise<World> {
  const db = app.get(DataSource)
  const now = new Date(base + 3_600_000)
  const authors = await db.getRepository(Author).save([
    { slug: 'author-a', name: '甲作者', bio: '写 MEMS', avatar: null, verified: true, userId: null, createdAt: now },
    { slug: 'author-b', name: '乙作者', bio: '写雷达', avatar: null, verified: false, userId: null, createdAt: now },
  ])
  const columns = await db.getRepository(ContentColumn).save([
    {
      slug: 'news',
      name: '传感说',
      description: '',
      cover: null,
      authorId: authors[0].id,
      position: 0,
      createdAt: now,
    },
    {
      slug: 'deep',
      name: '技术深读',
      description: '',
      cover: null,
      authorId: authors[1].id,
      position: 1,
      createdAt: now,
    },
  ])
  const writer = app.get(ArticleWriter)
  const publishing = app.get(PublishingService)
  const published: Article[] = []
  for (let i = 0; i < 25; i++) {
    const topic = TOPICS[i % TOPICS.length]
    const at = new Date(base + (i < 3 ? 0 : i) * 60_000)
    const article = await writer.write(
      {
        title: `${topic.title}（${i}）`,
        body: `## 第 ${i} 篇\n\n${topic.title}的正文，第 ${i} 篇。`,
        bodyFormat: 'markdown',
        authorId: authors[i % 2].id,
        columnId: columns[i % 2].id,
        tags: topic.tags,
        status: 'scheduled',
        publishedAt: at,
      },
      undefined,
      at,
    )
    published.push(await publishing.publish(article, now))
  }
  const draft = await writer.write({ title: '草稿', body: '未发布', authorId: authors[0].id, tags: ['MEMS'] })
  const periodical = await db
    .getRepository(Periodical)
    .save({ slug: 'monthly', name: '传感月刊', description: '', cover: null, createdAt: now })
  const issue = await db
    .getRepository(PeriodicalIssue)
    .save({ periodicalId: periodical.id, number: 1, title: '第一期', publishedAt: now, createdAt: now })
  await db.getRepository(PeriodicalIssueArticle).insert(
    [published[4], published[2], published[0]].map((a, position) => ({
      issueId: issue.id,
      articleId: a.id,
      position,
    })),
  )
  return { authors, columns, published, draft, periodical }
}

/** An empty database and cache, then the content world: what each content test starts from. */
export async function freshWorld(app: NestFastifyApplication): Promise<World> {
  await resetDatabase(app)
  await app.get(ContentCache).invalidate()
  return buildWorld(app)
}
