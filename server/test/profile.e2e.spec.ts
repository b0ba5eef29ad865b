import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  AVATAR_MAX_BYTES,
  CommentPage,
  CommentView,
  DELETED_USER_NAME,
  FolderList,
  FolderView,
  LoginResult,
  Me,
  MyLikesPage,
} from '@chuangan/shared'
import { DataSource, IsNull, Not } from 'typeorm'
import { Session } from '../src/auth/session.entity'
import { Comment, CommentReport, CommentVote } from '../src/comments/comment.entity'
import { APP_CONFIG, type AppConfig } from '../src/config/config'
import { Article } from '../src/content/article.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { renderAvatar } from '../src/demo/cover-art'
import { ArticleLike } from '../src/engagement/article-like.entity'
import { LikesService } from '../src/engagement/likes.service'
import { Favorite, FavoriteFolder } from '../src/favorites/favorite.entity'
import { RateLimitService, type RateLimits } from '../src/rate-limit/rate-limit.service'
import { User } from '../src/users/user.entity'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, roles, type Agent } from './support/test-app'

/** A 1×1 baseline JPEG and a 1×1 lossless WebP: real image files, as a phone would send them. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64')
const PNG = renderAvatar('profile-test', 48)

const ROOM = { points: 1_000_000, seconds: 60 }
/** A profile limit no test reaches, except the rate-limit test, which lowers it. */
const GENEROUS: Partial<RateLimits> = { profile: { perUser: ROOM, perIp: ROOM } }

interface Part {
  field: string
  filename?: string
  type?: string
  data: Buffer | string
}

/** A multipart/form-data body, written out by hand so the test controls every byte and header. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = '----chuangan-test-boundary'
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `form-data; name="${p.field}"${p.filename ? `; filename="${p.filename}"` : ''}`
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`
    chunks.push(Buffer.from(head), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data), Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

describe(`profile and account (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World
  let db: DataSource
  let mediaDir: string

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    mediaDir = path.resolve(app.get<AppConfig>(APP_CONFIG).MEDIA_DIR)
    app.get(RateLimitService).configure(GENEROUS, `test-${randomUUID()}`)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
  })
  afterAll(() => app.close())

  const emulator = () => app.get(EmbeddedWechatEmulator).instance!
  /** A reader signed in through the WeChat emulator, as the H5 build does: it has an openid, so WeChat's check runs. */
  const devLogin = async (name: string) => {
    const res = await request(app, 'POST', '/api/auth/dev', JSON.stringify({ name }))
    expect(res.status).toBe(200)
    const login = LoginResult.parse(res.body)
    const call: Agent['call'] = (method, url, payload) =>
      request(app, method, url, payload, { authorization: `Bearer ${login.token}` })
    return { ...login, call }
  }
  const upload = (token: string | null, parts: Part[]) => {
    const { body, contentType } = multipart(parts)
    return request(app, 'POST', '/api/me/avatar', body, {
      'content-type': contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    })
  }
  const userRow = (id: number) =>
    db.getRepository(User).findOneOrFail({
      where: { id },
      select: {
        id: true,
        nickname: true,
        avatarUrl: true,
        openid: true,
        unionid: true,
        wechatSessionKey: true,
        role: true,
        deletedAt: true,
      },
    })
  const mediaFile = (url: string) => path.join(mediaDir, url.replace(/^\/media\//, ''))

  describe('nickname', () => {
    it('lets every signed-in role set its own nickname, and refuses anonymous callers', async () => {
      const as = await roles(app)
      expect((await as.anonymous.call('PATCH', '/api/me', { nickname: '无名' })).status).toBe(401)
      for (const who of [as.reader, as.otherReader, as.author, as.editor]) {
        const res = await who.call('PATCH', '/api/me', { nickname: `  新名字${who.user!.id}  ` })
        expect(res.status).toBe(200)
        expect(Me.parse(res.body)).toEqual({
          id: who.user!.id,
          nickname: `新名字${who.user!.id}`,
          avatarUrl: null,
          role: who.user!.role,
          supplierId: null,
          shareCode: who.user!.shareCode,
        })
        expect(Me.parse((await who.call('GET', '/api/me')).body).nickname).toBe(`新名字${who.user!.id}`)
      }
      expect((await userRow(as.reader.user!.id)).nickname).toBe(`新名字${as.reader.user!.id}`)
    })

    it('checks a nickname with WeChat (the emulator word list) and our filter: only a clean pass is stored', async () => {
      const zed = await devLogin('zed')
      expect(Me.parse((await zed.call('PATCH', '/api/me', { nickname: '传感小王' })).body).nickname).toBe('传感小王')

      const refused: [string, string, string][] = [
        // The emulator's risky and review words (WeChat's verdicts).
        ['赌博达人', 'NICKNAME_REJECTED', '昵称含有违法犯罪信息，请修改后再提交'],
        ['专业代购', 'NICKNAME_NOT_APPROVED', '昵称未通过内容安全检查，请换一个'],
        // Our own list, also for accounts WeChat cannot check.
        ['加薇 信领资料', 'NICKNAME_NOT_APPROVED', '昵称未通过内容安全检查，请换一个'],
        ['刷单返利王', 'NICKNAME_REJECTED', '昵称含有欺诈信息，请修改后再提交'],
      ]
      for (const [nickname, code, message] of refused) {
        const res = await zed.call('PATCH', '/api/me', { nickname })
        expect(`${nickname}: ${res.status}`).toBe(`${nickname}: 422`)
        expect(ApiError.parse(res.body)).toMatchObject({ code, message, details: [{ path: 'body.nickname' }] })
      }
      // WeChat unreachable: the name cannot be vouched for, so it is not taken.
      emulator().failNext('/wxa/msg_sec_check', -1)
      expect((await zed.call('PATCH', '/api/me', { nickname: '换个名字' })).status).toBe(422)
      expect((await userRow(zed.user.id)).nickname).toBe('传感小王')
      // A reader without an openid goes through our filter alone.
      const { reader } = await roles(app)
      expect((await reader.call('PATCH', '/api/me', { nickname: '赌博达人' })).status).toBe(200)
      expect((await reader.call('PATCH', '/api/me', { nickname: '操你妈' })).status).toBe(422)
    })

    it('refuses bad nicknames and bodies that try to set anything else (400 naming the field)', async () => {
      const { reader, otherReader } = await roles(app)
      const before = JSON.stringify(await userRow(reader.user!.id))
      const attempts: [object, string][] = [
        [{ nickname: '新名', role: 'editor' }, 'role'],
        [{ nickname: '新名', id: otherReader.user!.id }, 'id'],
        [{ nickname: '新名', userId: otherReader.user!.id }, 'userId'],
        [{ nickname: '新名', avatarUrl: 'https://evil.example/a.png' }, 'avatarUrl'],
        [{ nickname: '新名', openid: 'o-stolen' }, 'openid'],
        [{ nickname: '新名', deletedAt: null }, 'deletedAt'],
        [{ nickname: '' }, 'nickname'],
        [{ nickname: '   ' }, 'nickname'],
        [{ nickname: '一二三四五六七八九十一二三四五六七八九十一' }, 'nickname'],
        [{ nickname: '坏\u0000名' }, 'nickname'],
        [{ nickname: 42 }, 'nickname'],
        [{}, 'nickname'],
      ]
      for (const [body, field] of attempts) {
        const res = await reader.call('PATCH', '/api/me', body)
        expect(`${JSON.stringify(body)}: ${res.status}`).toBe(`${JSON.stringify(body)}: 400`)
        expect(JSON.stringify(ApiError.parse(res.body).details)).toContain(field)
      }
      expect(JSON.stringify(await userRow(reader.user!.id))).toBe(before)
    })
  })

  describe('avatar', () => {
    it('stores PNG, JPEG and WebP avatars by their bytes, serves them under /media, and removes the old file', async () => {
      const as = await roles(app)
      const res = await upload(as.reader.token, [{ field: 'file', filename: 'me.png', type: 'image/png', data: PNG }])
      expect(res.status).toBe(200)
      const me = Me.parse(res.body)
      expect(me.avatarUrl).toMatch(new RegExp(`^/media/user-avatars/${as.reader.user!.id}-[0-9a-f]{32}\\.png$`))
      const served = await app.inject({ method: 'GET', url: me.avatarUrl! })
      expect(served.statusCode).toBe(200)
      expect(served.headers['content-type']).toBe('image/png')
      expect(served.rawPayload.equals(PNG)).toBe(true)
      expect(Me.parse((await as.reader.call('GET', '/api/me')).body).avatarUrl).toBe(me.avatarUrl)

      // The client's type and name count for nothing: a JPEG sent as "avatar.png, image/png" is stored as a JPEG.
      const jpeg = await upload(as.reader.token, [{ field: 'file', filename: 'a.png', type: 'image/png', data: JPEG }])
      const second = Me.parse(jpeg.body)
      expect(second.avatarUrl).toMatch(/\.jpg$/)
      expect((await app.inject({ method: 'GET', url: second.avatarUrl! })).headers['content-type']).toBe('image/jpeg')
      expect(fs.existsSync(mediaFile(me.avatarUrl!))).toBe(false)
      expect((await app.inject({ method: 'GET', url: me.avatarUrl! })).statusCode).toBe(404)

      // The same bytes again: the same name, and the file stays.
      const again = Me.parse((await upload(as.reader.token, [{ field: 'file', filename: 'x', data: JPEG }])).body)
      expect(again.avatarUrl).toBe(second.avatarUrl)
      expect(fs.existsSync(mediaFile(second.avatarUrl!))).toBe(true)

      for (const who of [as.otherReader, as.author, as.editor]) {
        const webp = await upload(who.token, [{ field: 'file', filename: 'w.webp', type: 'image/webp', data: WEBP }])
        expect(webp.status).toBe(200)
        expect(Me.parse(webp.body).avatarUrl).toMatch(new RegExp(`^/media/user-avatars/${who.user!.id}-.*\\.webp$`))
      }
      // Everyone has their own file, even for the same picture; the reader's is untouched.
      expect(fs.existsSync(mediaFile(second.avatarUrl!))).toBe(true)
      expect((await userRow(as.reader.user!.id)).avatarUrl).toBe(second.avatarUrl)
    })

    it('refuses what is not a JPEG, PNG or WebP image, too large, missing or not multipart, storing nothing', async () => {
      const as = await roles(app)
      const before = () => fs.readdirSync(mediaDir, { recursive: true }).length
      const files = before()
      const cases: [string, Part[] | 'json' | 'anonymous', number, string][] = [
        [
          'a text file named .png',
          [{ field: 'file', filename: 'a.png', type: 'image/png', data: 'hello, not an image' }],
          415,
          'UPLOAD_TYPE_UNSUPPORTED',
        ],
        [
          'a GIF',
          [{ field: 'file', filename: 'a.gif', type: 'image/gif', data: Buffer.from('GIF89a\x01\x00\x01\x00') }],
          415,
          'UPLOAD_TYPE_UNSUPPORTED',
        ],
        [
          'an SVG',
          [{ field: 'file', filename: 'a.svg', type: 'image/png', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' }],
          415,
          'UPLOAD_TYPE_UNSUPPORTED',
        ],
        [
          'an empty file',
          [{ field: 'file', filename: 'a.png', type: 'image/png', data: Buffer.alloc(0) }],
          400,
          'UPLOAD_FILE_EMPTY',
        ],
        [
          'a PNG over 2 MB',
          [
            {
              field: 'file',
              filename: 'big.png',
              type: 'image/png',
              data: Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES + 1 - PNG.length)]),
            },
          ],
          413,
          'UPLOAD_TOO_LARGE',
        ],
        ['no file, only a field', [{ field: 'nickname', data: '小王' }], 400, 'UPLOAD_FILE_MISSING'],
        [
          'the file in another field',
          [{ field: 'avatar', filename: 'a.png', type: 'image/png', data: PNG }],
          400,
          'UPLOAD_WRONG_FIELD',
        ],
        [
          'two files',
          [
            { field: 'file', filename: 'a.png', type: 'image/png', data: PNG },
            { field: 'file', filename: 'b.jpg', type: 'image/jpeg', data: JPEG },
          ],
          413,
          'UPLOAD_TOO_MANY_PARTS',
        ],
        ['a JSON body', 'json', 415, 'UPLOAD_NOT_MULTIPART'],
        ['an anonymous upload', 'anonymous', 401, 'UNAUTHORIZED'],
      ]
      for (const [what, parts, status, code] of cases) {
        const res =
          parts === 'json'
            ? await as.reader.call('POST', '/api/me/avatar', { file: PNG.toString('base64') })
            : await upload(
                parts === 'anonymous' ? null : as.reader.token,
                parts === 'anonymous' ? [{ field: 'file', filename: 'a.png', data: PNG }] : parts,
              )
        expect(`${what}: ${res.status}`).toBe(`${what}: ${status}`)
        const error = ApiError.parse(res.body)
        expect(error.code).toBe(code)
        expect(error.message).toMatch(/[\u4e00-\u9fff]/)
      }
      expect((await userRow(as.reader.user!.id)).avatarUrl).toBeNull()
      expect(before()).toBe(files)

      // Exactly 2 MB is still accepted.
      const max = Buffer.concat([PNG, Buffer.alloc(AVATAR_MAX_BYTES - PNG.length)])
      expect((await upload(as.reader.token, [{ field: 'file', filename: 'max.png', data: max }])).status).toBe(200)
    })

    it('answers a multipart body it cannot parse with 400 in the error shape, never 500', async () => {
      const { reader } = await roles(app)
      const long = 'x'.repeat(300) // busboy takes boundaries of at most 256 characters
      const file = (boundary: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n${PNG.toString('latin1')}\r\n--${boundary}--\r\n`
      const cases: [string, string, string][] = [
        ['a boundary of 300 characters', `multipart/form-data; boundary=${long}`, file(long)],
        ['no boundary', 'multipart/form-data', file('b')],
        ['a body cut short', 'multipart/form-data; boundary=b', file('b').slice(0, 90)],
      ]
      for (const [what, contentType, body] of cases) {
        const res = await request(app, 'POST', '/api/me/avatar', Buffer.from(body, 'latin1'), {
          'content-type': contentType,
          authorization: `Bearer ${reader.token}`,
        })
        expect(`${what}: ${res.status}`).toBe(`${what}: 400`)
        expect(ApiError.parse(res.body)).toMatchObject({
          statusCode: 400,
          code: 'UPLOAD_MALFORMED',
          message: '上传的表单数据不完整或格式有误',
          details: [{ path: 'body' }],
        })
      }
      expect((await userRow(reader.user!.id)).avatarUrl).toBeNull()
    })

    it('is described as a multipart body in the OpenAPI document', async () => {
      const doc = (
        await request<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
          app,
          'GET',
          '/api/docs-json',
        )
      ).body
      expect(doc.paths['/api/me/avatar'].post.requestBody).toMatchObject({
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      })
    })
  })

  describe('rate limit', () => {
    it('limits nickname and avatar changes per reader and per IP: 429 with Retry-After, nothing stored', async () => {
      const limits = app.get(RateLimitService)
      const { reader, otherReader, author } = await roles(app)
      const refused = async (res: { status: number; headers: Record<string, unknown>; body: unknown }) => {
        expect(res.status).toBe(429)
        expect(ApiError.parse(res.body)).toMatchObject({
          code: 'RATE_LIMITED',
          message: '修改资料太频繁了，请稍后再试',
        })
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      }
      try {
        // Per reader: two changes a minute here; the nickname and the avatar share them.
        limits.configure({ profile: { perUser: { points: 2, seconds: 60 }, perIp: ROOM } }, `test-${randomUUID()}`)
        expect((await reader.call('PATCH', '/api/me', { nickname: '第一次' })).status).toBe(200)
        expect((await upload(reader.token, [{ field: 'file', filename: 'a.png', data: PNG }])).status).toBe(200)
        const row = JSON.stringify(await userRow(reader.user!.id))
        const files = fs.readdirSync(mediaDir, { recursive: true }).length
        await refused(await reader.call('PATCH', '/api/me', { nickname: '第三次' }))
        await refused(await upload(reader.token, [{ field: 'file', filename: 'b.jpg', data: JPEG }]))
        expect(JSON.stringify(await userRow(reader.user!.id))).toBe(row)
        expect(fs.readdirSync(mediaDir, { recursive: true }).length).toBe(files)
        expect((await otherReader.call('PATCH', '/api/me', { nickname: '另一位' })).status).toBe(200)

        // Per IP address: every reader behind it counts.
        limits.configure({ profile: { perUser: ROOM, perIp: { points: 2, seconds: 60 } } }, `test-${randomUUID()}`)
        expect((await reader.call('PATCH', '/api/me', { nickname: '第四次' })).status).toBe(200)
        expect((await otherReader.call('PATCH', '/api/me', { nickname: '又一位' })).status).toBe(200)
        await refused(await author.call('PATCH', '/api/me', { nickname: '作者' }))
        expect((await userRow(author.user!.id)).nickname).toBe('作者丙')
      } finally {
        limits.configure(GENEROUS, `test-${randomUUID()}`)
      }
    })
  })

  describe('my likes', () => {
    it('lists the articles I liked, newest like first, page by page, without those taken offline', async () => {
      const as = await roles(app)
      expect((await as.anonymous.call('GET', '/api/me/likes')).status).toBe(401)
      const likes = app.get(LikesService)
      const base = Date.UTC(2026, 10, 20, 8, 0, 0)
      const liked = world.published.slice(0, 5)
      for (const [i, a] of liked.entries()) await likes.like(as.reader.user!.id, a.id, new Date(base + i * 60_000))
      await likes.like(as.otherReader.user!.id, world.published[9].id)
      await db.getRepository(Article).update({ id: liked[1].id }, { status: 'archived' })
      await app.get(ContentCache).invalidate()

      const seen: number[] = []
      let cursor: string | null = null
      for (let pages = 0; pages < 5; pages++) {
        const url: string = `/api/me/likes?limit=2${cursor ? `&cursor=${cursor}` : ''}`
        const page = MyLikesPage.parse((await as.reader.call('GET', url)).body)
        seen.push(...page.items.map((i) => i.article.id))
        cursor = page.nextCursor
        if (!cursor) break
      }
      expect(seen).toEqual([liked[4].id, liked[3].id, liked[2].id, liked[0].id])
      const first = MyLikesPage.parse((await as.reader.call('GET', '/api/me/likes?limit=1')).body).items[0]
      expect(first.likedAt).toBe(new Date(base + 4 * 60_000).toISOString())
      expect(first.article.counts.likes).toBe(1)
      // Each reader sees only their own likes.
      for (const who of [as.otherReader, as.author, as.editor]) {
        const mine = MyLikesPage.parse((await who.call('GET', '/api/me/likes')).body).items.map((i) => i.article.id)
        expect(mine).toEqual(who === as.otherReader ? [world.published[9].id] : [])
      }
      expect((await as.reader.call('GET', '/api/me/likes?cursor=bad')).status).toBe(400)
      expect((await as.reader.call('GET', '/api/me/likes?limit=0')).status).toBe(400)
    })
  })

  describe('deleting the account', () => {
    it('removes personal data, keeps every count exact, kills the token and shows comments as 已注销用户', async () => {
      const zed = await devLogin('zed')
      const { otherReader } = await roles(app)
      const [a, b, c] = world.published
      // Zed: nickname, avatar, likes, favorites in two folders, a comment, a vote and a report.
      await zed.call('PATCH', '/api/me', { nickname: '要走的人' })
      const avatarUrl = Me.parse(
        (await upload(zed.token, [{ field: 'file', filename: 'z.png', data: PNG }])).body,
      ).avatarUrl!
      for (const id of [a.id, b.id]) expect((await zed.call('PUT', `/api/articles/${id}/like`)).status).toBe(200)
      const [zedDefault] = FolderList.parse((await zed.call('GET', '/api/me/folders')).body).items
      const zedFolder = FolderView.parse((await zed.call('POST', '/api/me/folders', { name: '稍后读' })).body)
      expect(
        (await zed.call('PUT', `/api/articles/${a.id}/favorite`, { folderIds: [zedDefault.id, zedFolder.id] })).status,
      ).toBe(200)
      expect((await zed.call('PUT', `/api/articles/${c.id}/favorite`, { folderIds: [zedFolder.id] })).status).toBe(200)
      const zedComment = CommentView.parse(
        (await zed.call('POST', `/api/articles/${a.id}/comments`, { content: '写得很清楚，谢谢分享' })).body,
      )
      // The other reader: the same article liked and collected, a comment zed votes on and reports.
      await otherReader.call('PUT', `/api/articles/${a.id}/like`)
      const [theirDefault] = FolderList.parse((await otherReader.call('GET', '/api/me/folders')).body).items
      await otherReader.call('PUT', `/api/articles/${a.id}/favorite`, { folderIds: [theirDefault.id] })
      const theirComment = CommentView.parse(
        (await otherReader.call('POST', `/api/articles/${b.id}/comments`, { content: '同意楼上的看法' })).body,
      )
      expect((await zed.call('PUT', `/api/comments/${theirComment.id}/vote`, { vote: 'like' })).status).toBe(200)
      expect((await otherReader.call('PUT', `/api/comments/${zedComment.id}/vote`, { vote: 'like' })).status).toBe(200)
      expect((await zed.call('POST', `/api/comments/${theirComment.id}/report`, { reason: 'spam' })).status).toBe(200)
      expect(await db.getRepository(CommentVote).countBy({ userId: zed.user.id })).toBe(1)

      // A confirmation is required, and nothing else may ride along.
      for (const body of [
        {},
        { confirm: false },
        { confirm: 'yes' },
        { confirm: true, userId: otherReader.user!.id },
      ]) {
        expect(`${JSON.stringify(body)}: ${(await zed.call('DELETE', '/api/me', body)).status}`).toBe(
          `${JSON.stringify(body)}: 400`,
        )
      }
      expect((await otherReader.call('DELETE', '/api/me', { confirm: 'yes' })).status).toBe(400)
      expect((await zed.call('GET', '/api/me')).status).toBe(200)

      expect((await zed.call('DELETE', '/api/me', { confirm: true })).body).toEqual({ ok: true })

      // The token is dead everywhere.
      for (const [method, url] of [
        ['GET', '/api/me'],
        ['GET', '/api/me/folders'],
        ['PUT', `/api/articles/${c.id}/like`],
      ] as const) {
        expect(`${method} ${url}: ${(await zed.call(method, url)).status}`).toBe(`${method} ${url}: 401`)
      }
      expect(await db.getRepository(Session).countBy({ userId: zed.user.id, revokedAt: IsNull() })).toBe(0)
      // The row stays, emptied.
      const row = await userRow(zed.user.id)
      expect(row).toMatchObject({ nickname: '', avatarUrl: null, openid: null, unionid: null, wechatSessionKey: null })
      expect(row.deletedAt).toBeInstanceOf(Date)
      expect(fs.existsSync(mediaFile(avatarUrl))).toBe(false)
      // Likes, favorites, folders, votes and reports gone; every count equals its rows.
      expect(await db.getRepository(ArticleLike).countBy({ userId: zed.user.id })).toBe(0)
      expect(await db.getRepository(Favorite).countBy({ userId: zed.user.id })).toBe(0)
      expect(await db.getRepository(FavoriteFolder).countBy({ userId: zed.user.id })).toBe(0)
      expect(await db.getRepository(CommentVote).countBy({ userId: zed.user.id })).toBe(0)
      expect(await db.getRepository(CommentReport).countBy({ userId: zed.user.id })).toBe(0)
      for (const article of await db.getRepository(Article).find()) {
        const likeRows = await db.getRepository(ArticleLike).countBy({ articleId: article.id })
        const readers = new Set(
          (await db.getRepository(Favorite).findBy({ articleId: article.id })).map((f) => f.userId),
        ).size
        const published = await db.getRepository(Comment).countBy({ articleId: article.id, status: 'published' })
        expect([article.id, article.likeCount, article.favoriteCount, article.commentCount]).toEqual([
          article.id,
          likeRows,
          readers,
          published,
        ])
      }
      expect(await db.getRepository(Article).findOneByOrFail({ id: a.id })).toMatchObject({
        likeCount: 1,
        favoriteCount: 1,
        commentCount: 1,
      })
      expect(await db.getRepository(Article).findOneByOrFail({ id: c.id })).toMatchObject({ favoriteCount: 0 })
      for (const comment of await db.getRepository(Comment).find()) {
        const votes = await db.getRepository(CommentVote).findBy({ commentId: comment.id })
        const reports = await db.getRepository(CommentReport).countBy({ commentId: comment.id })
        expect([comment.id, comment.likeCount, comment.dislikeCount, comment.reportCount]).toEqual([
          comment.id,
          votes.filter((v) => v.kind === 'like').length,
          votes.filter((v) => v.kind === 'dislike').length,
          reports,
        ])
      }
      expect(await db.getRepository(Comment).findOneByOrFail({ id: theirComment.id })).toMatchObject({
        likeCount: 0,
        reportCount: 0,
      })

      // The comment stays, shown as 已注销用户 with no id or avatar; the like it got is still counted.
      const list = CommentPage.parse((await request(app, 'GET', `/api/articles/${a.id}/comments?sort=newest`)).body)
      const shown = list.items.find((t) => t.id === zedComment.id)!
      expect(shown.author).toEqual({ userId: null, name: DELETED_USER_NAME, avatar: null, badge: 'deleted' })
      expect(shown.likes).toBe(1)

      // The other reader is untouched.
      expect(Me.parse((await otherReader.call('GET', '/api/me')).body).id).toBe(otherReader.user!.id)
      expect(await db.getRepository(Favorite).countBy({ userId: otherReader.user!.id })).toBe(1)

      // The same WeChat account signing in later is a new, empty user.
      const back = await devLogin('zed')
      expect(back.user.id).not.toBe(zed.user.id)
      expect(back.user).toMatchObject({ nickname: '', avatarUrl: null, role: 'reader' })
      expect(await db.getRepository(User).countBy({ deletedAt: Not(IsNull()) })).toBe(1)
      expect(MyLikesPage.parse((await back.call('GET', '/api/me/likes')).body).items).toEqual([])
    })

    it('lets each signed-in role delete only its own account; anonymous callers are refused', async () => {
      const as = await roles(app)
      expect((await as.anonymous.call('DELETE', '/api/me', { confirm: true })).status).toBe(401)
      const id = world.published[0].id
      for (const who of [as.reader, as.otherReader, as.author, as.editor])
        await who.call('PUT', `/api/articles/${id}/like`)
      for (const who of [as.author, as.editor]) {
        expect((await who.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)
        expect((await who.call('GET', '/api/me')).status).toBe(401)
      }
      // Nobody else lost anything.
      for (const who of [as.reader, as.otherReader]) expect((await who.call('GET', '/api/me')).status).toBe(200)
      expect(await db.getRepository(Article).findOneByOrFail({ id })).toMatchObject({ likeCount: 2 })
      expect(await db.getRepository(ArticleLike).countBy({ articleId: id })).toBe(2)
    })
  })
})
