import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource } from 'typeorm'
import { SessionsService } from '../src/auth/sessions.service'
import { Comment, CommentVote } from '../src/comments/comment.entity'
import { Article } from '../src/content/article.entity'
import { ArticleLike } from '../src/engagement/article-like.entity'
import { Favorite } from '../src/favorites/favorite.entity'
import { FavoritesService } from '../src/favorites/favorites.service'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import { UsersService } from '../src/users/users.service'
import { freshWorld } from './support/content-world'
import { createTestApp, ENGINE, request } from './support/test-app'

/**
 * The issue's concurrency bar in one go: 200 readers like, unlike, collect and comment on ONE article at the same
 * time (likes, favorites and comments all lock that article's row), and vote on one comment; afterwards every
 * count equals its rows. The per-capability suites test each kind alone.
 */
describe(`200 readers act on one article at once (${ENGINE})`, () => {
  let app: NestFastifyApplication

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(() => app.close())

  it('keeps likes, favorites, comments and comment votes equal to their rows', async () => {
    const world = await freshWorld(app)
    const room = { points: 1_000_000, seconds: 60 }
    app.get(RateLimitService).configure(
      {
        comment: { perUser: room, perIp: room },
        vote: { perUser: room, perIp: room },
        report: { perUser: room, perIp: room },
      },
      `test-${randomUUID()}`,
    )
    const id = world.published[0].id
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const favorites = app.get(FavoritesService)
    const readers: { token: string; folder: number }[] = []
    for (let i = 0; i < 200; i++) {
      const user = await users.create({ nickname: `并发读者${i}` })
      const folder = (await favorites.list(user.id)).items[0].id
      readers.push({ token: (await sessions.issue(user.id)).token, folder })
    }
    const as = (token: string) => ({ authorization: `Bearer ${token}` })
    const first = await request<{ id: number }>(
      app,
      'POST',
      `/api/articles/${id}/comments`,
      JSON.stringify({ content: '第一条评论' }),
      as(readers[0].token),
    )
    expect(first.status).toBe(201)

    const started = performance.now()
    const calls = readers.flatMap((r, i) => {
      const all = [
        request(app, 'PUT', `/api/articles/${id}/like`, undefined, as(r.token)),
        request(app, 'PUT', `/api/articles/${id}/favorite`, JSON.stringify({ folderIds: [r.folder] }), as(r.token)),
        request(
          app,
          'POST',
          `/api/articles/${id}/comments`,
          JSON.stringify({ content: `读者 ${i} 的看法`, ...(i % 3 ? {} : { replyTo: first.body.id }) }),
          as(r.token),
        ),
        request(
          app,
          'PUT',
          `/api/comments/${first.body.id}/vote`,
          JSON.stringify({ vote: i % 4 ? 'like' : 'dislike' }),
          as(r.token),
        ),
      ]
      // every other reader changes their mind at the same time
      if (i % 2) {
        all.push(request(app, 'DELETE', `/api/articles/${id}/like`, undefined, as(r.token)))
        all.push(request(app, 'PUT', `/api/articles/${id}/favorite`, JSON.stringify({ folderIds: [] }), as(r.token)))
        all.push(request(app, 'DELETE', `/api/comments/${first.body.id}/vote`, undefined, as(r.token)))
      }
      return all
    })
    const results = await Promise.all(calls)
    const ms = Math.round(performance.now() - started)
    expect(results.filter((r) => r.status >= 300).map((r) => [r.status, r.body])).toEqual([])

    const db = app.get(DataSource)
    const article = await db.getRepository(Article).findOneByOrFail({ id })
    const likeRows = await db.getRepository(ArticleLike).countBy({ articleId: id })
    const favoriteReaders = Number(
      (await db
        .getRepository(Favorite)
        .createQueryBuilder('f')
        .select('COUNT(DISTINCT f.userId)', 'n')
        .where('f.articleId = :id', { id })
        .getRawOne<{ n: string }>())!.n,
    )
    const commentRows = await db.getRepository(Comment).countBy({ articleId: id, status: 'published' })
    const comment = await db.getRepository(Comment).findOneByOrFail({ id: first.body.id })
    const votes = await db.getRepository(CommentVote).findBy({ commentId: first.body.id })

    expect({ likes: article.likeCount, rows: likeRows }).toEqual({ likes: likeRows, rows: likeRows })
    expect({ favorites: article.favoriteCount, rows: favoriteReaders }).toEqual({
      favorites: favoriteReaders,
      rows: favoriteReaders,
    })
    expect({ comments: article.commentCount, rows: commentRows }).toEqual({ comments: commentRows, rows: commentRows })
    expect(commentRows).toBe(201)
    expect(comment.likeCount).toBe(votes.filter((v) => v.kind === 'like').length)
    expect(comment.dislikeCount).toBe(votes.filter((v) => v.kind === 'dislike').length)
    expect(comment.replyCount).toBe(
      await db.getRepository(Comment).countBy({ rootId: first.body.id, status: 'published' }),
    )
    console.log(
      `readers at once on ${ENGINE}: ${calls.length} like/unlike/collect/uncollect/comment/vote requests by 200 readers on one article in ${ms} ms; likes ${article.likeCount}, favorites ${article.favoriteCount}, comments ${article.commentCount}, votes ${comment.likeCount}/${comment.dislikeCount} = rows`,
    )
  }, 240_000)
})
