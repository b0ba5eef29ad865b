import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ErrorCode, genericErrors, routes } from '../dist/index.js'
import {
  ContentErrors,
  FavoriteErrors,
  declaredErrors,
  defineErrors,
  featureErrors,
  formatMessage,
  hasCode,
} from '../dist/errors/index.js'

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist')
const HAN = /\p{Script=Han}/u

test('every declared error has a unique UPPER_SNAKE code, a 4xx/5xx status and a Chinese message', () => {
  const generic = new Set(Object.values(ErrorCode))
  const seen = new Map()
  for (const [feature, errors] of Object.entries(featureErrors)) {
    assert.ok(Object.keys(errors).length > 0, `${feature} declares no errors`)
    for (const [key, error] of Object.entries(errors)) {
      const where = `${feature}.${key}`
      assert.equal(error.code, key, `${where}: the key is the code`)
      assert.match(error.code, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, where)
      assert.ok(!generic.has(error.code), `${where} collides with the generic code ${error.code}`)
      assert.ok(!seen.has(error.code), `${where} is declared by ${seen.get(error.code)} too`)
      seen.set(error.code, feature)
      assert.ok(
        Number.isInteger(error.status) && error.status >= 400 && error.status < 600,
        `${where}: ${error.status}`,
      )
      assert.equal(typeof error.message, 'string', where)
      assert.ok(error.message.trim().length > 0 && HAN.test(error.message), `${where}: ${error.message}`)
      assert.ok(Object.isFrozen(error), `${where} is frozen`)
    }
  }
  assert.equal(declaredErrors.length, seen.size)
  assert.deepEqual(new Set(declaredErrors.map((e) => e.code)), new Set(seen.keys()))
})

test('the declared errors and their helpers load without zod (the mini-program imports them alone)', () => {
  for (const file of fs.readdirSync(path.join(dist, 'errors')).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(dist, 'errors', file), 'utf8')
    for (const [, spec] of source.matchAll(/require\("([^"]+)"\)/g)) {
      assert.match(spec, /^\.\/[\w-]+$/, `errors/${file} requires ${spec}: only its siblings`)
    }
  }
})

test('formatMessage fills placeholders; hasCode matches an error’s code', () => {
  assert.equal(
    formatMessage(FavoriteErrors.FOLDER_NAME_TAKEN, { name: '传感器' }),
    '已有名为「传感器」的收藏夹，请换一个名称',
  )
  assert.equal(
    formatMessage(FavoriteErrors.FOLDER_LIMIT_REACHED, { max: 100 }),
    '收藏夹最多 100 个，请先删除不用的收藏夹',
  )
  assert.equal(formatMessage(ContentErrors.ARTICLE_NOT_FOUND), '文章不存在或已下线')
  const answer = { statusCode: 404, code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' }
  assert.equal(hasCode(answer, ContentErrors.ARTICLE_NOT_FOUND), true)
  assert.equal(hasCode(answer, ContentErrors.TAG_NOT_FOUND, ContentErrors.ARTICLE_NOT_FOUND), true)
  assert.equal(hasCode(answer, ContentErrors.TAG_NOT_FOUND), false)
  assert.equal(hasCode(null, ContentErrors.ARTICLE_NOT_FOUND), false)
  assert.equal(hasCode(new Error('x'), ContentErrors.ARTICLE_NOT_FOUND), false)
})

test('defineErrors makes the key the code', () => {
  const errors = defineErrors({ SOME_ERROR: { status: 409, message: '冲突' } })
  assert.deepEqual({ ...errors.SOME_ERROR }, { code: 'SOME_ERROR', status: 409, message: '冲突' })
})

test('every route lists declared errors only, each once', () => {
  const declared = new Set(declaredErrors)
  for (const [name, route] of Object.entries(routes)) {
    const errors = route.errors ?? []
    for (const error of errors) assert.ok(declared.has(error), `${name} lists ${error.code}, which no feature declares`)
    assert.equal(new Set(errors).size, errors.length, `${name} lists an error twice`)
  }
})

test('the generic errors follow from a route’s shape', () => {
  const codes = (name) => genericErrors(routes[name]).map((g) => `${g.status} ${g.code}`)
  assert.deepEqual(codes('columns'), [])
  assert.deepEqual(codes('article'), ['400 VALIDATION_FAILED'])
  assert.deepEqual(codes('me'), ['401 UNAUTHORIZED'])
  assert.deepEqual(codes('editorCreateTag'), [
    '400 VALIDATION_FAILED',
    '400 MALFORMED_JSON',
    '413 PAYLOAD_TOO_LARGE',
    '415 UNSUPPORTED_MEDIA_TYPE',
    '401 UNAUTHORIZED',
    '403 FORBIDDEN',
  ])
  assert.ok(codes('createComment').includes('429 RATE_LIMITED'))
  assert.ok(codes('editorArticle').includes('403 FORBIDDEN'))
})
