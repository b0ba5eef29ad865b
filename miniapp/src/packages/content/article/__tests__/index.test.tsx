import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { calledApis, memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { articleDetail, deferred, ok } from '../../../../../test/fixtures'
import type { ArticleDetail } from '@chuangan/shared'
import { viewer } from '../../../../../test/api'
import ArticlePage from '../index'

const API = 'http://api.test/api'
const NAVIGATION = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']
const HINT = '请前往小程序查看完整内容'
const NO_COMMENTS = { items: [], nextCursor: null, total: 0, closed: false }

const request = () => taroApi('request')
const calls = () => request().mock.calls.map(([options]) => options as Record<string, any>)
const $ = (selector: string) => document.querySelector(selector)
const $$ = (selector: string) => Array.from(document.querySelectorAll(selector))

/** The article page route's answer for a signed-out reader with no comments. */
const pageOf = (detail: ArticleDetail, viewerState: unknown = null) => ({
  article: detail,
  viewer: viewerState,
  comments: NO_COMMENTS,
})

/** Serves the article page and the read counter; `reads` is what the POST answers. */
function serve(detail: ArticleDetail | Promise<unknown>, reads: number | Promise<unknown> = 5000) {
  request().mockImplementation(({ url, method }: { url: string; method: string }) => {
    if (method === 'POST' && /\/articles\/\d+\/read$/.test(url)) {
      return typeof reads === 'number' ? Promise.resolve(ok({ counted: true, reads })) : reads
    }
    if (method === 'GET' && /\/articles\/\d+\/page$/.test(url)) {
      return detail instanceof Promise ? detail : Promise.resolve(ok(pageOf(detail)))
    }
    if (method === 'GET' && /\/articles\/\d+\/comments\?/.test(url)) return Promise.resolve(ok(NO_COMMENTS))
    if (method === 'POST' && url.endsWith('/shares/opens'))
      return Promise.resolve(ok({ counted: true, newReader: true }))
    return Promise.reject(new Error(`unexpected ${method} ${url}`))
  })
}

async function renderArticle(detail: ArticleDetail, reads?: number) {
  setRouterParams({ id: String(detail.id) })
  serve(detail, reads)
  const view = render(<ArticlePage />)
  await waitFor(() => expect($('.article-title')?.textContent).toBe(detail.title))
  return view
}

describe('ArticlePage', () => {
  it('renders title, author card, meta, tags, body and the sections below', async () => {
    await renderArticle(articleDetail(12, { title: '温湿度变送器的校准' }), 345)

    // one request for the article, my state and the first comments; and the read counter
    expect(
      calls()
        .filter((c) => c.url.includes('/articles/'))
        .map((c) => [c.method, c.url]),
    ).toEqual([
      ['GET', `${API}/articles/12/page`],
      ['POST', `${API}/articles/12/read`],
    ])
    const author = $('.author-card')!
    expect(author.textContent).toContain('传感说编辑部')
    expect(author.textContent).toContain('认证')
    expect(author.textContent).toContain('关注传感器产业链的新闻与趋势')
    expect(author.querySelector('img')?.getAttribute('src')).toBe('http://api.test/media/avatars/bianjibu.png')
    expect($('.article-column')?.textContent).toBe('传感说')
    expect($$('.tag-chip').map((t) => t.textContent)).toEqual(['# MEMS', '# 压力传感器'])

    const body = $('.article-body')!
    expect(body.querySelector('p.rt-p')?.textContent).toBe('正文第一段')
    expect(body.querySelector('h2.rt-h2')?.textContent).toBe('小标题')
    expect(body.querySelector('img.rt-img')?.getAttribute('src')).toBe('http://api.test/media/body/a.png')

    expect($$('.author-latest-item').map((el) => el.querySelector('.brief__title')?.textContent)).toEqual([
      '作者新作 101',
      '作者新作 102',
    ])
    expect($('.author-latest-item')?.textContent).toContain('2026-10-15')
    expect($$('.related-item')).toHaveLength(2)
    expect(screen.getByText('期刊订阅')).toBeTruthy()
    expect($('.house-ad')?.textContent).toContain('传感搜：一站查找传感器型号')
    expect($('.search-promo')?.textContent).toContain('传感搜')
    // the read counter's answer replaces the count in the cached article
    await waitFor(() => expect($('.article-reads')?.textContent).toBe('阅读 345'))
    await waitFor(() => expect(taroApi('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '温湿度变送器的校准' }))
  })

  it('shows the body in full when it is short', async () => {
    await renderArticle(articleDetail(12, { bodyLength: 600 }))
    expect($('.article-body--collapsed')).toBeNull()
    expect($('.expand-body')).toBeNull()
  })

  it('folds a long body behind 查看全文, which unfolds it', async () => {
    await renderArticle(articleDetail(12, { bodyLength: 601 }))
    expect($('.article-body')?.classList.contains('article-body--collapsed')).toBe(true)
    expect($('.expand-body')?.textContent).toContain('查看全文')

    fireEvent.click($('.expand-body')!)

    expect($('.article-body')?.classList.contains('article-body--collapsed')).toBe(false)
    expect($('.expand-body')).toBeNull()
    expect($('.article-body__fade')).toBeNull()
  })

  it('opens related articles, tags, the author, periodicals and 传感搜', async () => {
    await renderArticle(articleDetail(12))

    fireEvent.click($$('.related-item')[1])
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({ url: '/packages/content/article/index?id=202' })
    fireEvent.click($$('.author-latest-item')[0])
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({ url: '/packages/content/article/index?id=101' })
    fireEvent.click($$('.tag-chip')[1])
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({
      url: `/packages/content/tag/index?name=${encodeURIComponent('压力传感器')}`,
    })
    fireEvent.click($('.author-card')!)
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({ url: '/packages/content/author/index?id=3' })
    fireEvent.click(screen.getByText('期刊订阅'))
    expect(taroApi('navigateTo')).toHaveBeenLastCalledWith({ url: '/packages/content/periodicals/index' })
    fireEvent.click($('.search-promo')!)
    expect(taroApi('switchTab')).toHaveBeenLastCalledWith({ url: '/pages/search/index' })
    // the house ad links to a tab page: switchTab too (once 传感搜 has opened: a tap on a page still opening is ignored)
    await act(async () => undefined)
    fireEvent.click($('.house-ad')!)
    expect(taroApi('switchTab')).toHaveBeenCalledTimes(2)
  })

  it('opens a house ad that links to another page with navigateTo', async () => {
    const detail = articleDetail(12)
    await renderArticle({ ...detail, ad: { ...detail.ad!, linkUrl: '/packages/content/periodicals/index' } })
    fireEvent.click($('.house-ad')!)
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/periodicals/index' })
  })

  it('counts the read once with a stored X-Reader-Id and ignores its failure', async () => {
    setRouterParams({ id: '12' })
    serve(articleDetail(12), Promise.resolve(ok({ statusCode: 500, code: 'X', message: 'boom' }, 500)))
    render(<ArticlePage />)
    await waitFor(() => expect($('.article-title')).not.toBeNull())

    const reads = calls().filter((c) => c.method === 'POST')
    expect(reads).toHaveLength(1)
    expect(reads[0].url).toBe(`${API}/articles/12/read`)
    const id = reads[0].header['X-Reader-Id']
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,32}$/)
    expect(taroApi('setStorageSync')).toHaveBeenCalledWith(expect.any(String), id)
    // the failure shows nothing; the count stays the article's own
    expect($('.article-reads')?.textContent).toBe('阅读 1212')
    expect(taroApi('showToast')).not.toHaveBeenCalled()
  })

  it('reuses the reader id kept in storage', async () => {
    taroApi('getStorageSync').mockReturnValue('kept_reader-id_0123456789')
    await renderArticle(articleDetail(12))
    const read = calls().find((c) => c.method === 'POST')!
    expect(read.header['X-Reader-Id']).toBe('kept_reader-id_0123456789')
    expect(taroApi('setStorageSync')).not.toHaveBeenCalled()
  })

  describe('点赞', () => {
    const SESSION = {
      'chuangan.session': {
        token: 'tok-1',
        expiresAt: '2099-01-01T00:00:00.000Z',
        user: { id: 7, nickname: '', avatarUrl: null, role: 'reader' },
      },
    }
    const likeCalls = () => calls().filter((c) => /\/like$/.test(c.url))
    const count = () => $('.like-count')?.textContent
    const active = () => $('.like-button')!.classList.contains('like-button--active')

    /** Serves the article (42 likes on the page), the viewer's state and the like routes. */
    function serveLikes(options: { viewer?: unknown; like?: (method: string) => Promise<unknown> } = {}) {
      setRouterParams({ id: '12' })
      request().mockImplementation(
        ({ url, method, header }: { url: string; method: string; header: Record<string, string> }) => {
          if (/\/articles\/12\/read$/.test(url)) return Promise.resolve(ok({ counted: true, reads: 1 }))
          if (/\/articles\/12\/page$/.test(url)) {
            const detail = articleDetail(12, { counts: counts(42) })
            return Promise.resolve(ok(pageOf(detail, header.Authorization ? options.viewer : null)))
          }
          if (/\/articles\/12\/me$/.test(url)) return Promise.resolve(ok(options.viewer))
          if (/\/articles\/12\/comments\?/.test(url)) return Promise.resolve(ok(NO_COMMENTS))
          if (/\/articles\/12\/like$/.test(url) && options.like) return options.like(method)
          return Promise.reject(new Error(`unexpected ${method} ${url}`))
        },
      )
    }
    const counts = (likes: number) => ({ reads: 100, likes, comments: 0, favorites: 0, shares: 0 })

    async function renderPage() {
      render(<ArticlePage />)
      await waitFor(() => expect($('.like-button')).not.toBeNull())
    }

    it('shows the page’s count when signed out, without asking for the viewer’s state', async () => {
      memoryStorage()
      serveLikes()
      await renderPage()
      expect(count()).toBe('42')
      expect(active()).toBe(false)
      expect(calls().some((c) => c.url.endsWith('/me'))).toBe(false)
    })

    it('shows the viewer’s own state when signed in, then likes optimistically', async () => {
      memoryStorage(SESSION)
      const put = deferred()
      serveLikes({ viewer: viewer({ liked: false, likes: 45 }), like: () => put.promise })
      await renderPage()
      await waitFor(() => expect(count()).toBe('45'))
      // my state came with the article page, asked for with my session; no separate request for it
      expect(calls().find((c) => c.url.endsWith('/page'))?.header.Authorization).toBe('Bearer tok-1')
      expect(calls().some((c) => c.url.endsWith('/me'))).toBe(false)

      fireEvent.click($('.like-button')!)

      // before the server answers
      await waitFor(() => expect(count()).toBe('46'))
      expect(active()).toBe(true)
      expect(likeCalls()).toEqual([expect.objectContaining({ method: 'PUT', url: `${API}/articles/12/like` })])
      await act(async () => put.resolve(ok({ liked: true, likes: 47 })))
      expect(count()).toBe('47')
    })

    it('takes a like back with DELETE', async () => {
      memoryStorage(SESSION)
      serveLikes({
        viewer: viewer({ liked: true, likes: 10 }),
        like: () => Promise.resolve(ok({ liked: false, likes: 9 })),
      })
      await renderPage()
      await waitFor(() => expect(active()).toBe(true))

      fireEvent.click($('.like-button')!)

      await waitFor(() => expect(active()).toBe(false))
      expect(count()).toBe('9')
      expect(likeCalls()).toEqual([expect.objectContaining({ method: 'DELETE' })])
    })

    it('rolls back and shows the error when the like fails', async () => {
      memoryStorage(SESSION)
      serveLikes({
        viewer: viewer({ liked: false, likes: 45 }),
        like: () =>
          Promise.resolve(ok({ statusCode: 404, code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' }, 404)),
      })
      await renderPage()
      await waitFor(() => expect(count()).toBe('45'))

      fireEvent.click($('.like-button')!)

      await waitFor(() =>
        expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '文章不存在或已下线' })),
      )
      expect(count()).toBe('45')
      expect(active()).toBe(false)
    })

    it('opens the sign-in sheet in H5 when signed out, then likes once signed in', async () => {
      const store = memoryStorage({ 'chuangan.privacyConsent': 'agreed' })
      serveLikes({
        viewer: viewer({ liked: false, likes: 42 }),
        like: () => Promise.resolve(ok({ liked: true, likes: 43 })),
      })
      const request0 = request().getMockImplementation()!
      request().mockImplementation((options: { url: string }) =>
        options.url.endsWith('/auth/dev') ? Promise.resolve(ok(SESSION['chuangan.session'])) : request0(options),
      )
      await renderPage()

      fireEvent.click($('.like-button')!)

      // nothing is sent before signing in
      await waitFor(() => expect($('.login-sheet')).not.toBeNull())
      expect(likeCalls()).toHaveLength(0)
      fireEvent.change($('.dev-login-name')!, { target: { value: 'alice' } })
      fireEvent.click($('.dev-login-submit')!)

      await waitFor(() => expect(count()).toBe('43'))
      expect(active()).toBe(true)
      expect($('.login-sheet')).toBeNull()
      expect(likeCalls()[0].header.Authorization).toBe('Bearer tok-1')
      expect(store.get('chuangan.session')).toEqual(SESSION['chuangan.session'])
      expect(taroApi('login')).not.toHaveBeenCalled()
    })

    it('does nothing when the H5 sign-in sheet is closed', async () => {
      memoryStorage()
      serveLikes()
      await renderPage()

      fireEvent.click($('.like-button')!)
      await waitFor(() => expect($('.login-sheet')).not.toBeNull())
      fireEvent.click($('[data-testid="sheet-close"]')!)

      await waitFor(() => expect($('.login-sheet')).toBeNull())
      expect(likeCalls()).toHaveLength(0)
      expect(count()).toBe('42')
      expect(taroApi('showToast')).not.toHaveBeenCalled()
    })

    it('signs in silently in the mini-program, then likes', async () => {
      taroApi('getEnv').mockReturnValue('WEAPP')
      memoryStorage()
      taroApi('login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' })
      serveLikes({ like: () => Promise.resolve(ok({ liked: true, likes: 43 })) })
      const request0 = request().getMockImplementation()!
      request().mockImplementation((options: { url: string }) =>
        options.url.endsWith('/auth/wechat') ? Promise.resolve(ok(SESSION['chuangan.session'])) : request0(options),
      )
      await renderPage()
      expect(taroApi('login')).not.toHaveBeenCalled()

      fireEvent.click($('.like-button')!)

      await waitFor(() => expect(count()).toBe('43'))
      expect(taroApi('login')).toHaveBeenCalledTimes(1)
      expect(likeCalls()[0].header.Authorization).toBe('Bearer tok-1')
    })

    it('is not offered in single-page mode (no action bar there), and nothing signs in', async () => {
      taroApi('getEnv').mockReturnValue('WEAPP')
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
      memoryStorage()
      serveLikes()
      render(<ArticlePage />)
      await waitFor(() => expect($('.article-title')).not.toBeNull())

      expect($('.like-button')).toBeNull()
      expect($('[data-testid="open-app-hint"]')).not.toBeNull()
      expect(taroApi('login')).not.toHaveBeenCalled()
      expect(likeCalls()).toHaveLength(0)
    })
  })

  describe('in single-page mode (opened from Moments, scene 1154)', () => {
    beforeEach(() => {
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154, path: 'packages/content/article/index' })
      taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1154, path: 'packages/content/article/index' })
    })

    it('renders everything without login or any navigation API', async () => {
      await renderArticle(articleDetail(12, { bodyLength: 2000 }))

      expect($('.author-card')).not.toBeNull()
      expect($('.article-body p')?.textContent).toBe('正文第一段')
      expect($$('.related-item')).toHaveLength(2)
      expect(taroApi('login')).not.toHaveBeenCalled()
      for (const api of NAVIGATION) expect(taroApi(api)).not.toHaveBeenCalled()
      // reading (and the full body) still works
      fireEvent.click($('.expand-body')!)
      expect($('.article-body--collapsed')).toBeNull()
    })

    it('shows the 前往小程序 hint instead of navigating on taps', async () => {
      await renderArticle(articleDetail(12))

      fireEvent.click($('.author-card')!)
      expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: HINT, icon: 'none' }))
      fireEvent.click($$('.related-item')[0])
      fireEvent.click($$('.tag-chip')[0])
      fireEvent.click($('.search-promo')!)
      fireEvent.click($('.house-ad')!)
      expect(taroApi('showToast')).toHaveBeenCalledTimes(5)
      for (const api of NAVIGATION) expect(taroApi(api)).not.toHaveBeenCalled()
      expect(taroApi('login')).not.toHaveBeenCalled()
    })
    it('records the open from Moments without signing in, and shows the hint on 分享', async () => {
      taroApi('getEnv').mockReturnValue('WEAPP')
      setRouterParams({ id: '12', s: 'k3J9x2Qa', ch: 'timeline' })
      serve(articleDetail(12, { title: '霍尔传感器入门' }))
      render(<ArticlePage />)
      await waitFor(() => expect($('.article-title')?.textContent).toBe('霍尔传感器入门'))

      const opens = calls().filter((c) => c.url.endsWith('/shares/opens'))
      expect(opens).toHaveLength(1)
      expect(opens[0]).toMatchObject({ method: 'POST', url: `${API}/shares/opens` })
      expect(opens[0].data).toEqual({
        target: { type: 'article', id: 12 },
        sharer: 'k3J9x2Qa',
        channel: 'timeline',
        scene: 1154,
      })
      expect(opens[0].header['X-Reader-Id']).toMatch(/^[A-Za-z0-9_-]{16,32}$/)
      expect(opens[0].header.Authorization).toBeUndefined()
      // nothing single-page mode forbids, and no share menu of ours to set up
      for (const api of ['login', 'showShareMenu', ...NAVIGATION]) expect(calledApis()).not.toContain(api)
      // the account's QR code: WeChat's follow component is off in single-page mode
      expect($('[data-testid="follow-account-card"]')).not.toBeNull()
      expect($('[data-testid="follow-account"]')).toBeNull()

      // no action bar (so no 分享 of ours): WeChat's bar is at the bottom, and one line points to it
      expect($('.action-bar')).toBeNull()
      expect($$('[data-testid="open-app-hint"]')).toHaveLength(1)
      expect($('.article--single-page')).not.toBeNull()
      // a share from the ··· menu here carries no sharer (no sign-in in single-page mode)
      expect(triggerPageHook('useShareAppMessage')).toEqual({
        title: '霍尔传感器入门',
        path: '/packages/content/article/index?id=12&ch=friend',
      })
      expect(calls().filter((c) => c.url.endsWith('/shares'))).toHaveLength(0)
    })
  })

  it('navigates normally outside single-page mode (the scene check is not always on)', async () => {
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1001 })
    await renderArticle(articleDetail(12))
    fireEvent.click($('.author-card')!)
    expect(taroApi('navigateTo')).toHaveBeenCalledTimes(1)
    expect(taroApi('showToast')).not.toHaveBeenCalled()
  })

  it('never logs in or navigates on load', async () => {
    await renderArticle(articleDetail(12))
    for (const api of ['login', ...NAVIGATION]) expect(calledApis()).not.toContain(api)
  })

  it('shows the not-found state on ARTICLE_NOT_FOUND', async () => {
    setRouterParams({ id: '404' })
    serve(Promise.resolve(ok({ statusCode: 404, code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' }, 404)))
    render(<ArticlePage />)

    expect(await screen.findByText('文章不存在或已下线')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('shows another 404 (no such API route) as a failure to retry, not as a missing article', async () => {
    setRouterParams({ id: '404' })
    serve(Promise.resolve(ok({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: '接口不存在' }, 404)))
    render(<ArticlePage />)

    expect(await screen.findByText('加载失败')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
    expect(screen.queryByText('文章不存在或已下线')).toBeNull()
  })

  it('shows the not-found state without a request when the id is missing or malformed', () => {
    setRouterParams({ id: 'abc' })
    render(<ArticlePage />)

    expect(screen.getByText('文章不存在或已下线')).toBeTruthy()
    expect(request()).not.toHaveBeenCalled()
  })

  it('shows an error with 重试 that loads again', async () => {
    setRouterParams({ id: '12' })
    const second = deferred()
    let gets = 0
    request().mockImplementation(({ method, url }: { method: string; url: string }) => {
      if (method === 'POST') return Promise.resolve(ok({ counted: true, reads: 1 }))
      if (url.includes('/comments?')) return Promise.resolve(ok(NO_COMMENTS))
      if (url.includes('/follows/')) return Promise.resolve(ok({ following: false, followers: 0 }))
      gets++
      return gets === 1 ? Promise.reject({ errMsg: 'request:fail' }) : second.promise
    })
    render(<ArticlePage />)

    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(document.querySelector('[aria-busy="true"]')).not.toBeNull()
    await act(async () => second.resolve(ok(pageOf(articleDetail(12)))))

    await waitFor(() => expect($('.article-title')).not.toBeNull())
    expect(gets).toBe(2)
  })
})
