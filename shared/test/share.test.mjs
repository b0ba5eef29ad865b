import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  SCENE_MAX_LENGTH,
  SHARE_PAGES,
  decodeScene,
  encodeScene,
  isValidScene,
  readShareArrival,
  shareQuery,
  sharePath,
} from '../dist/share.js'

/** WeChat's characters for a mini-program code's scene (no %). */
const WECHAT_SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const SHARER = 'Ab3dE5gH'

test('encodeScene / decodeScene round-trip at the limits, within WeChat’s 32 allowed characters', () => {
  for (const target of ['article', 'author', 'periodical']) {
    for (const id of [1, 35, 36, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      for (const sharer of [null, SHARER, '00000000', 'zzzzzzzz', 'ZZZZZZZZ']) {
        const scene = encodeScene({ target, id, sharer })
        assert.match(scene, WECHAT_SCENE, scene)
        assert.ok(scene.length <= SCENE_MAX_LENGTH)
        assert.equal(isValidScene(scene), true)
        assert.deepEqual(decodeScene(scene), { target, id, sharer }, scene)
      }
    }
  }
  // The longest: the largest safe id with a sharer.
  const longest = encodeScene({ target: 'article', id: Number.MAX_SAFE_INTEGER, sharer: SHARER })
  assert.equal(longest, `a${Number.MAX_SAFE_INTEGER.toString(36)}.${SHARER}`)
  assert.equal(longest.length, 21)
  assert.equal(encodeScene({ target: 'article', id: 1, sharer: null }), 'a1')
})

test('encodeScene refuses ids and sharer codes it cannot carry', () => {
  for (const id of [0, -1, 1.5, NaN, Infinity, Number.MAX_SAFE_INTEGER + 1]) {
    assert.throws(() => encodeScene({ target: 'article', id, sharer: null }), /cannot encode id/, String(id))
  }
  for (const sharer of ['Ab3dE5g', 'Ab3dE5gH9', 'Ab3dE5g-', 'Ab3dE5g.', '', '码码码码码码码码']) {
    assert.throws(() => encodeScene({ target: 'article', id: 1, sharer }), /not a sharer code/, sharer)
  }
})

test('decodeScene reads the URI-encoded form WeChat hands the page', () => {
  const scene = encodeScene({ target: 'author', id: 123456, sharer: SHARER })
  assert.deepEqual(decodeScene(encodeURIComponent(scene)), { target: 'author', id: 123456, sharer: SHARER })
  assert.deepEqual(decodeScene('a1%2EAb3dE5gH'), { target: 'article', id: 1, sharer: SHARER })
  assert.deepEqual(decodeScene('p2n9c'), { target: 'periodical', id: parseInt('2n9c', 36), sharer: null })
})

test('decodeScene answers null for anything that is not one of our scenes', () => {
  for (const junk of [
    undefined,
    null,
    '',
    'a',
    'a0', // id 0
    'x1', // unknown target
    'A1',
    'aZZ', // ids are lower-case base 36
    'a1.',
    'a1.short',
    'a1.Ab3dE5gH9',
    'a1.Ab3dE5gH.x',
    'a1 ',
    ' a1',
    'a1.Ab3d%20E5g',
    'a123456789abc', // 12 base-36 digits
    'azzzzzzzzzzz', // 11 digits, beyond a safe integer
    '%E0%A4%A', // malformed URI encoding
    'id=1&s=Ab3dE5gH',
  ]) {
    assert.equal(decodeScene(junk), null, String(junk))
  }
})

test('sharePath and shareQuery carry the page query, the sharer and the channel', () => {
  assert.equal(
    sharePath('article', { id: 12 }, SHARER, 'friend'),
    `/${SHARE_PAGES.article}?id=12&s=${SHARER}&ch=friend`,
  )
  assert.equal(
    sharePath('article', { id: 12 }, SHARER, 'friend'),
    `/packages/content/article/index?id=12&s=${SHARER}&ch=friend`,
  )
  assert.equal(sharePath('column', { slug: 'a b&c' }, null, 'group'), `/${SHARE_PAGES.column}?slug=a%20b%26c&ch=group`)
  // A malformed sharer is left out rather than carried.
  assert.equal(shareQuery({ id: 7 }, 'bad', 'timeline'), 'id=7&ch=timeline')
  assert.equal(shareQuery({ id: 7 }, SHARER, 'timeline'), `id=7&s=${SHARER}&ch=timeline`)
  for (const page of Object.values(SHARE_PAGES)) assert.doesNotMatch(page, /^\/|\?/)
})

test('readShareArrival: a poster’s scene wins, then the launch scene, then ch; no sharer, no arrival', () => {
  const scene = encodeScene({ target: 'article', id: 9, sharer: SHARER })
  // The scene of a mini-program code wins over s / ch and the launch scene.
  assert.deepEqual(readShareArrival({ scene, s: 'Other123', ch: 'friend' }, 1007), {
    sharer: SHARER,
    channel: 'poster',
  })
  assert.deepEqual(readShareArrival({ scene: encodeURIComponent(scene) }, 1047), { sharer: SHARER, channel: 'poster' })
  // A card forwarded into a group arrives as a group open, whatever ch says.
  assert.deepEqual(readShareArrival({ id: '9', s: SHARER, ch: 'friend' }, 1008), { sharer: SHARER, channel: 'group' })
  assert.deepEqual(readShareArrival({ id: '9', s: SHARER, ch: 'timeline' }, 1154), {
    sharer: SHARER,
    channel: 'timeline',
  })
  // No launch scene (H5) or one that says nothing: ch, else friend.
  assert.deepEqual(readShareArrival({ s: SHARER, ch: 'timeline' }), { sharer: SHARER, channel: 'timeline' })
  assert.deepEqual(readShareArrival({ s: SHARER, ch: 'group' }, 1001), { sharer: SHARER, channel: 'group' })
  assert.deepEqual(readShareArrival({ s: SHARER, ch: 'nonsense' }), { sharer: SHARER, channel: 'friend' })
  // No valid sharer: not an arrival from a share.
  assert.equal(readShareArrival({ id: '9', ch: 'friend' }, 1007), null)
  assert.equal(readShareArrival({ id: '9', s: 'short', ch: 'friend' }, 1007), null)
  assert.equal(readShareArrival({ scene: encodeScene({ target: 'article', id: 9, sharer: null }) }, 1047), null)
  assert.equal(readShareArrival({ scene: 'junk' }), null)
})
