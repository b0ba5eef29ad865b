// Which pages WeChat's ··· menu can send (发送给朋友, 分享到朋友圈): every page of app.config.ts is listed here, its
// page config read, and each shareable page rendered to see that its share handlers answer.
import type { ComponentType } from 'react'
import { render, waitFor } from '@testing-library/react'
import { memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../test/mocks/taro'
import { articleCard, articleDetail, authorProfile, columnProfile } from '../../../test/fixtures'
import { API, type Req, SESSION_KEY, SHARE_CODE, serveApi, session } from '../../../test/api'
import appConfig from '@/app.config'
import FeedPage from '@/pages/index/index'
import ArticlePage from '@/packages/content/article/index'
import AuthorPage from '@/packages/content/author/index'
import ColumnPage from '@/packages/content/column/index'
import TagPage from '@/packages/content/tag/index'
import PeriodicalsPage from '@/packages/content/periodicals/index'
import PeriodicalPage from '@/packages/content/periodical/index'
import feedConfig from '@/pages/index/index.config'
import searchConfig from '@/pages/search/index.config'
import meConfig from '@/pages/me/index.config'
import articleConfig from '@/packages/content/article/index.config'
import authorConfig from '@/packages/content/author/index.config'
import columnConfig from '@/packages/content/column/index.config'
import tagConfig from '@/packages/content/tag/index.config'
import periodicalsConfig from '@/packages/content/periodicals/index.config'
import periodicalConfig from '@/packages/content/periodical/index.config'
import conversationConfig from '@/packages/content/conversation/index.config'
import foldersConfig from '@/packages/me/folders/index.config'
import folderConfig from '@/packages/me/folder/index.config'
import myCommentsConfig from '@/packages/me/comments/index.config'
import myLikesConfig from '@/packages/me/likes/index.config'
import conversationsConfig from '@/packages/me/conversations/index.config'
import noticesConfig from '@/packages/me/notices/index.config'
import privacyConfig from '@/packages/me/privacy/index.config'
import productConfig from '@/packages/search/product/index.config'
import supplierConfig from '@/packages/search/supplier/index.config'
import compareConfig from '@/packages/search/compare/index.config'

type PageConfig = { enableShareAppMessage?: boolean; enableShareTimeline?: boolean }

/** Every page's config, by path. */
const CONFIGS: Record<string, PageConfig> = {
  'pages/index/index': feedConfig,
  'pages/search/index': searchConfig,
  'pages/me/index': meConfig,
  'packages/content/article/index': articleConfig,
  'packages/content/author/index': authorConfig,
  'packages/content/column/index': columnConfig,
  'packages/content/tag/index': tagConfig,
  'packages/content/periodicals/index': periodicalsConfig,
  'packages/content/periodical/index': periodicalConfig,
  'packages/content/conversation/index': conversationConfig,
  'packages/me/folders/index': foldersConfig,
  'packages/me/folder/index': folderConfig,
  'packages/me/comments/index': myCommentsConfig,
  'packages/me/likes/index': myLikesConfig,
  'packages/me/conversations/index': conversationsConfig,
  'packages/me/notices/index': noticesConfig,
  'packages/me/privacy/index': privacyConfig,
  'packages/search/product/index': productConfig,
  'packages/search/supplier/index': supplierConfig,
  'packages/search/compare/index': compareConfig,
}

interface Shareable {
  Page: ComponentType
  params: Record<string, string>
  /** What 发送给朋友 sends when I am signed in. */
  path: string
  /** Whether the API counts its shares (an article, author, column or periodical): with my code, recorded. */
  attributed: boolean
}

/**
 * The pages a reader could want to send. 传感搜 (its tab and the minimal product page; sharing a product comes with the
 * full product page), 我的 pages (mine alone) and a 私信 conversation (private) are not among them.
 */
const SHAREABLE: Record<string, Shareable> = {
  'pages/index/index': { Page: FeedPage, params: {}, path: '/pages/index/index', attributed: false },
  'packages/content/article/index': {
    Page: ArticlePage,
    params: { id: '12' },
    path: `/packages/content/article/index?id=12&s=${SHARE_CODE}&ch=friend`,
    attributed: true,
  },
  'packages/content/author/index': {
    Page: AuthorPage,
    params: { id: '3' },
    path: `/packages/content/author/index?id=3&s=${SHARE_CODE}&ch=friend`,
    attributed: true,
  },
  'packages/content/column/index': {
    Page: ColumnPage,
    params: { slug: 'mems-weekly' },
    path: `/packages/content/column/index?slug=mems-weekly&s=${SHARE_CODE}&ch=friend`,
    attributed: true,
  },
  'packages/content/tag/index': {
    Page: TagPage,
    params: { name: encodeURIComponent('压力传感器') },
    path: `/packages/content/tag/index?name=${encodeURIComponent('压力传感器')}`,
    attributed: false,
  },
  'packages/content/periodicals/index': {
    Page: PeriodicalsPage,
    params: {},
    path: '/packages/content/periodicals/index',
    attributed: false,
  },
  'packages/content/periodical/index': {
    Page: PeriodicalPage,
    params: { id: '4' },
    path: `/packages/content/periodical/index?id=4&s=${SHARE_CODE}&ch=friend`,
    attributed: true,
  },
}

const periodical = {
  id: 4,
  slug: 'sensor-monthly',
  name: '传感月刊',
  description: '每月精选',
  cover: null,
  issueCount: 0,
}

function serve(): Req[] {
  return serveApi({
    'GET /columns': () => ({ items: [] }),
    'GET /articles': () => ({ items: [articleCard(1)], nextCursor: null }),
    'GET /articles/12': () => articleDetail(12),
    'GET /articles/12/me': () => ({ liked: false, likes: 0, folderIds: [], favorites: 0, comments: 0 }),
    'POST /articles/12/read': () => ({ counted: true, reads: 1 }),
    'GET /articles/12/comments': () => ({ items: [], nextCursor: null, total: 0, closed: false }),
    'GET /authors/3': () => authorProfile(),
    'GET /columns/mems-weekly': () => columnProfile(5, 'mems-weekly', 'MEMS 周刊'),
    'GET /tags/([^/?]+)': (_req, [, name]) => ({ id: 8, name: decodeURIComponent(name), articleCount: 3 }),
    'GET /periodicals': () => ({ items: [periodical] }),
    'GET /periodicals/4': () => ({ ...periodical, issues: [] }),
    'POST /shares': () => ({ shares: 1 }),
  })
}

const allPages = [
  ...(appConfig.pages ?? []),
  ...(appConfig.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
]

describe('page configs', () => {
  it('cover every page of app.config.ts', () => {
    expect(Object.keys(CONFIGS).sort()).toEqual([...allPages].sort())
  })

  it.each(allPages)('%s: the ··· menu’s 转发 and 朋友圈 are on exactly for the pages worth sending', (page) => {
    const config = CONFIGS[page]
    const on = page in SHAREABLE
    expect(Boolean(config.enableShareAppMessage)).toBe(on)
    expect(Boolean(config.enableShareTimeline)).toBe(on)
  })
})

describe.each(Object.entries(SHAREABLE))('%s', (page, { Page, params, path, attributed }) => {
  it(`answers WeChat’s share handlers (${attributed ? 'with my code, recorded' : 'without attribution'})`, async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage({ [SESSION_KEY]: session() })
    setRouterParams(params)
    const log = serve()
    render(<Page />)
    await waitFor(() => expect(document.querySelector('[aria-busy="true"]')).toBeNull())
    expect(taroApi('showShareMenu')).toHaveBeenCalledWith({ menus: ['shareAppMessage', 'shareTimeline'] })

    const friend = triggerPageHook('useShareAppMessage', { from: 'menu' })
    expect(friend.path).toBe(path)
    expect(friend.title).toMatch(/传感说|压力传感器/)
    const timeline = triggerPageHook('useShareTimeline')
    expect(timeline.query).toBe(path.replace(/^[^?]*\??/, '').replace('ch=friend', 'ch=timeline'))
    expect(timeline.title).toBe(friend.title)
    expect(`/${page}`).toBe(path.split('?')[0])

    const recorded = () => log.filter((r) => r.url === `${API}/shares`)
    if (attributed) await waitFor(() => expect(recorded()).toHaveLength(2))
    else expect(recorded()).toHaveLength(0)
  })
})
