import { memoryStorage, taroApi } from '../../../test/mocks/taro'
import { ok } from '../../../test/fixtures'
import { call } from '@/api/client'
import { LOGIN_ON_ME_PAGE, devLogin, ensureLogin, getSession, logout } from '../session'
import { forgetHeldSession } from '../token'

const KEY = 'chuangan.session'
const request = () => taroApi('request')
const headers = (n = 0) => request().mock.calls[n][0].header as Record<string, string>
const FUTURE = '2099-01-01T00:00:00.000Z'
const user = { id: 7, nickname: '', avatarUrl: null, role: 'reader' as const }
const session = (token = 'tok-1', expiresAt = FUTURE) => ({ token, expiresAt, user })

describe('session token', () => {
  it('sends no Authorization header when signed out', async () => {
    memoryStorage()
    request().mockResolvedValue(ok({ items: [], nextCursor: null }))
    await call('feed')
    expect(headers()).not.toHaveProperty('Authorization')
  })

  it('keeps the dev login in storage and sends it as a bearer token', async () => {
    const store = memoryStorage()
    request().mockResolvedValue(ok(session('tok-dev')))
    await devLogin('alice')
    expect(request().mock.calls[0][0]).toMatchObject({ method: 'POST', data: { name: 'alice' } })
    expect(store.get(KEY)).toEqual(session('tok-dev'))

    request().mockResolvedValue(ok({ liked: false, likes: 3 }))
    await call('viewerState', { params: { id: 5 } })
    expect(headers(1).Authorization).toBe('Bearer tok-dev')
  })

  it('drops the session on a 401 to a signed-in call', async () => {
    const store = memoryStorage({ [KEY]: session() })
    request().mockResolvedValue(ok({ statusCode: 401, code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' }, 401))
    await expect(call('me')).rejects.toMatchObject({ statusCode: 401, message: '登录已过期，请重新登录' })
    expect(store.has(KEY)).toBe(false)
    expect(getSession()).toBeNull()
  })

  it('keeps the session on other errors', async () => {
    const store = memoryStorage({ [KEY]: session() })
    request().mockResolvedValue(ok({ statusCode: 500, code: 'X', message: 'boom' }, 500))
    await expect(call('me')).rejects.toMatchObject({ statusCode: 500 })
    expect(store.get(KEY)).toEqual(session())
  })

  it('reads storage once, not on every request (saving and clearing keep the copy in memory)', async () => {
    memoryStorage({ [KEY]: session() })
    request().mockResolvedValue(ok({ items: [], nextCursor: null }))
    for (let i = 0; i < 3; i++) await call('myLikes')
    expect(request().mock.calls.map(([options]) => options.header.Authorization)).toEqual(Array(3).fill('Bearer tok-1'))
    expect(taroApi('getStorageSync')).toHaveBeenCalledTimes(1)
    await logout()
    expect(getSession()).toBeNull()
    expect(taroApi('getStorageSync')).toHaveBeenCalledTimes(1)
  })

  it('treats an expired or malformed stored session as signed out', () => {
    memoryStorage({ [KEY]: session('old', '2000-01-01T00:00:00.000Z') })
    expect(getSession()).toBeNull()
    memoryStorage({ [KEY]: { token: 'x' } })
    expect(getSession()).toBeNull()
  })

  it('logs out on the server with the token, then forgets it (even when that call fails)', async () => {
    const store = memoryStorage({ [KEY]: session() })
    request().mockResolvedValue(ok({ ok: true }))
    await logout()
    expect(request().mock.calls[0][0]).toMatchObject({ method: 'POST', url: 'http://api.test/api/auth/logout' })
    expect(headers().Authorization).toBe('Bearer tok-1')
    expect(store.has(KEY)).toBe(false)

    store.set(KEY, session())
    request().mockRejectedValue({ errMsg: 'request:fail' })
    await logout()
    expect(store.has(KEY)).toBe(false)
  })
})

describe('ensureLogin', () => {
  it('resolves with the stored session without logging in', async () => {
    memoryStorage({ [KEY]: session() })
    await expect(ensureLogin()).resolves.toEqual(session())
    expect(taroApi('login')).not.toHaveBeenCalled()
    expect(request()).not.toHaveBeenCalled()
  })

  it('rejects in H5 with a pointer to the 我的 page', async () => {
    memoryStorage()
    await expect(ensureLogin()).rejects.toMatchObject({ message: LOGIN_ON_ME_PAGE })
    expect(taroApi('login')).not.toHaveBeenCalled()
  })

  describe('in the mini-program', () => {
    beforeEach(() => taroApi('getEnv').mockReturnValue('WEAPP'))

    it('signs in silently with wx.login, once for concurrent callers', async () => {
      const store = memoryStorage()
      taroApi('login').mockResolvedValue({ code: 'code-1', errMsg: 'login:ok' })
      request().mockResolvedValue(ok(session('tok-wx')))

      const [a, b] = await Promise.all([ensureLogin(), ensureLogin()])
      expect(a).toEqual(session('tok-wx'))
      expect(b).toBe(a)
      expect(taroApi('login')).toHaveBeenCalledTimes(1)
      expect(request()).toHaveBeenCalledTimes(1)
      expect(request().mock.calls[0][0]).toMatchObject({
        method: 'POST',
        url: 'http://api.test/api/auth/wechat',
        data: { code: 'code-1' },
      })
      expect(store.get(KEY)).toEqual(session('tok-wx'))
    })

    it('never logs in in single-page mode', async () => {
      memoryStorage()
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
      await expect(ensureLogin()).rejects.toMatchObject({ message: '请前往小程序查看完整内容' })
      expect(taroApi('login')).not.toHaveBeenCalled()
    })

    const expired = ok({ statusCode: 401, code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' }, 401)
    /** The API: wechatLogin gives tok-new; anything else is refused (401) unless it carries tok-new. */
    function serveRenewal(answer: unknown = ok({ liked: true, likes: 8 })) {
      taroApi('login').mockResolvedValue({ code: 'code-9', errMsg: 'login:ok' })
      request().mockImplementation(({ url, header }: { url: string; header: Record<string, string> }) => {
        if (url.endsWith('/auth/wechat')) return Promise.resolve(ok(session('tok-new')))
        return Promise.resolve(header.Authorization === 'Bearer tok-new' ? answer : expired)
      })
    }
    const sent = () => request().mock.calls.map(([o]) => `${o.method} ${o.url.replace('http://api.test/api', '')}`)

    it('signs in again silently on a 401 and sends the request once more', async () => {
      const store = memoryStorage({ [KEY]: session('tok-old') })
      serveRenewal()
      await expect(call('likeArticle', { params: { id: 5 } })).resolves.toEqual({ liked: true, likes: 8 })
      expect(sent()).toEqual(['PUT /articles/5/like', 'POST /auth/wechat', 'PUT /articles/5/like'])
      expect(headers(0).Authorization).toBe('Bearer tok-old')
      expect(headers(2).Authorization).toBe('Bearer tok-new')
      expect(store.get(KEY)).toEqual(session('tok-new'))
    })

    it('signs in once for requests refused together', async () => {
      memoryStorage({ [KEY]: session('tok-old') })
      serveRenewal()
      await Promise.all([call('likeArticle', { params: { id: 5 } }), call('viewerState', { params: { id: 5 } })])
      expect(taroApi('login')).toHaveBeenCalledTimes(1)
      expect(sent().filter((r) => r.endsWith('/auth/wechat'))).toHaveLength(1)
    })

    it('tries once only: a second 401 is thrown, and the new session is dropped too', async () => {
      memoryStorage({ [KEY]: session('tok-old') })
      serveRenewal(expired)
      await expect(call('me')).rejects.toMatchObject({ statusCode: 401 })
      expect(sent()).toEqual(['GET /me', 'POST /auth/wechat', 'GET /me'])
      expect(getSession()).toBeNull()
    })

    it('never signs in again to log out, and not in single-page mode', async () => {
      memoryStorage({ [KEY]: session('tok-old') })
      serveRenewal()
      await logout()
      expect(taroApi('login')).not.toHaveBeenCalled()

      memoryStorage({ [KEY]: session('tok-old') })
      forgetHeldSession()
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
      await expect(call('me')).rejects.toMatchObject({ statusCode: 401 })
      expect(taroApi('login')).not.toHaveBeenCalled()
    })

    it('reports a failed sign-in rather than the 401', async () => {
      memoryStorage({ [KEY]: session('tok-old') })
      request().mockResolvedValue(expired)
      taroApi('login').mockRejectedValue({ errMsg: 'login:fail' })
      await expect(call('likeArticle', { params: { id: 5 } })).rejects.toMatchObject({
        message: '微信登录失败，请稍后重试',
      })
      expect(getSession()).toBeNull()
    })

    it('reports a failed wx.login clearly and can try again', async () => {
      memoryStorage()
      taroApi('login').mockRejectedValueOnce({ errMsg: 'login:fail' })
      await expect(ensureLogin()).rejects.toMatchObject({ message: '微信登录失败，请稍后重试' })
      taroApi('login').mockResolvedValue({ code: 'code-2', errMsg: 'login:ok' })
      request().mockResolvedValue(ok(session('tok-2')))
      await expect(ensureLogin()).resolves.toMatchObject({ token: 'tok-2' })
    })
  })
})
