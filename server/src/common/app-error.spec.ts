import fs from 'node:fs'
import path from 'node:path'
import { CommentErrors, ContentErrors, declaredErrors, FavoriteErrors } from '@chuangan/shared'
import { AppError } from './app-error'
import { toApiError } from './error-shape'

const SRC = path.join(__dirname, '..')

/** The non-spec TypeScript files of server/src outside common/ (where the error machinery itself lives). */
function featureFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return full === __dirname ? [] : featureFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : []
  })
}

describe('AppError.of', () => {
  it('answers a declared error with its status, code and message', () => {
    expect(toApiError(AppError.of(CommentErrors.COMMENTS_CLOSED))).toEqual({
      statusCode: 409,
      code: 'COMMENTS_CLOSED',
      message: '该文章已关闭评论',
      details: undefined,
    })
  })

  it('fills the message’s placeholders and points at a field or carries details', () => {
    const taken = AppError.of(FavoriteErrors.FOLDER_NAME_TAKEN, {
      params: { name: '传感器' },
      details: [{ path: 'body.name', message: 'a folder with this name exists' }],
    })
    expect(taken).toMatchObject({
      statusCode: 409,
      code: 'FOLDER_NAME_TAKEN',
      message: '已有名为「传感器」的收藏夹，请换一个名称',
      details: [{ path: 'body.name', message: 'a folder with this name exists' }],
    })
    const field = AppError.of(ContentErrors.UNKNOWN_COLUMN, { field: 'body.columnId' })
    expect(toApiError(field)).toEqual({
      statusCode: 400,
      code: 'UNKNOWN_COLUMN',
      message: '栏目不存在',
      details: [{ path: 'body.columnId', message: '栏目不存在' }],
    })
  })
})

describe('feature code raises declared errors only', () => {
  const files = featureFiles().map((file) => ({
    name: path.relative(SRC, file),
    source: fs.readFileSync(file, 'utf8'),
  }))

  it('finds the feature files', () => {
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining([path.join('comments', 'comments.service.ts'), path.join('storage', 'upload.ts')]),
    )
    expect(files.some((f) => f.name.startsWith('common'))).toBe(false)
  })

  it.each([
    ['the generic NOT_FOUND or CONFLICT', /ErrorCode\.(NotFound|Conflict)\b|['"](NOT_FOUND|CONFLICT)['"]/],
    ['AppError.notFound or AppError.field', /AppError\.(notFound|field)\(/],
    ['an AppError built by hand (status, code and message typed at the throw)', /new AppError\(/],
  ])('no file outside common/ uses %s', (_what, pattern) => {
    expect(files.filter((f) => pattern.test(f.source)).map((f) => f.name)).toEqual([])
  })

  it('types no declared message again: it is written once, in the contract', () => {
    const retyped = declaredErrors
      .filter((e) => !e.message.includes('{'))
      .flatMap((e) => files.filter((f) => f.source.includes(e.message)).map((f) => `${f.name}: ${e.code}`))
    expect(retyped).toEqual([])
  })
})
