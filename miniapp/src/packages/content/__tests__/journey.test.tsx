// A reader going deeper and deeper (article → 相关推荐 → author → one of their articles → …) on the page stack as
// WeChat keeps it (test/mocks/taro.ts: at most 10 pages, navigateTo refused beyond): every tap opens its page.
import type { ComponentType } from 'react'
import { fireEvent, render, waitFor } from '@testing-library/react'
import {
  PAGE_STACK_LIMIT,
  currentUrl,
  memoryStorage,
  pageStack,
  resetPageStack,
  setRouterParams,
  taroApi,
} from '../../../../test/mocks/taro'
import { articleCard, articleDetail, authorProfile, brief } from '../../../../test/fixtures'
import { serveApi } from '../../../../test/api'
import { ARTICLE_PAGE, AUTHOR_PAGE, articleUrl, authorUrl } from '@/utils/paths'
import ArticlePage from '../article/index'
import AuthorPage from '../author/index'

const PAGES: Record<string, ComponentType> = {
  [ARTICLE_PAGE.slice(1)]: ArticlePage,
  [AUTHOR_PAGE.slice(1)]: AuthorPage,
}

// article n: 相关推荐 n+1 and n+2, written by author 100+n; author a: one article, a+1000
const authorOf = (id: number) => 100 + id

function serve() {
  serveApi({
    'GET /articles/(\\d+)': (_req, [, id]) =>
      articleDetail(Number(id), {
        authorProfile: authorProfile({ id: authorOf(Number(id)), name: `作者${authorOf(Number(id))}` }),
        related: [brief(Number(id) + 1), brief(Number(id) + 2)],
        authorLatest: [],
        ad: null,
      }),
    'POST /articles/(\\d+)/read': () => ({ counted: true, reads: 1 }),
    'GET /articles/(\\d+)/comments': () => ({ items: [], nextCursor: null, total: 0, closed: false }),
    'GET /authors/(\\d+)': (_req, [, id]) => authorProfile({ id: Number(id), name: `作者${id}` }),
    'GET /articles': (req) => {
      const author = Number(new URL(req.url).searchParams.get('author'))
      return { items: [articleCard(author + 1000)], nextCursor: null }
    },
  })
}

/** Shows the page on top of the stack, as WeChat would (the page below stays open, unseen). */
async function showTop(previous?: { unmount: () => void }) {
  previous?.unmount()
  const top = pageStack().at(-1)!
  setRouterParams(top.options)
  const Page = PAGES[top.route]
  const view = render(<Page />)
  await waitFor(() => expect(document.querySelector('.article-title, .author-page__name')).not.toBeNull())
  await waitFor(() => expect(document.querySelector('.related-item, .article-card')).not.toBeNull())
  return view
}

const same = (a: string, b: string) => expect(decodeURIComponent(a)).toBe(decodeURIComponent(b))

describe('a reader hopping through related articles and authors', () => {
  it('opens every one of 25 pages in a row, and the stack never passes 10', async () => {
    memoryStorage()
    serve()
    resetPageStack(articleUrl(1))
    let view = await showTop()
    const seen: number[] = []

    for (let hop = 1; hop <= 25; hop++) {
      const top = pageStack().at(-1)!
      const id = Number(top.options.id)
      let target: string
      if (top.route === AUTHOR_PAGE.slice(1)) {
        // the author's article
        target = articleUrl(id + 1000)
        fireEvent.click(document.querySelector('.article-card')!)
      } else if (hop % 3 === 0) {
        target = authorUrl(authorOf(id))
        fireEvent.click(document.querySelector('.author-card')!)
      } else {
        target = articleUrl(id + 1)
        fireEvent.click(document.querySelector('.related-item')!)
      }
      await waitFor(() => same(currentUrl(), target))
      seen.push(pageStack().length)
      expect(pageStack().length).toBeLessThanOrEqual(PAGE_STACK_LIMIT)
      view = await showTop(view)
    }

    // no tap failed (a failure shows a toast) and the stack filled up to its limit on the way
    expect(taroApi('showToast')).not.toHaveBeenCalled()
    expect(Math.max(...seen)).toBeGreaterThan(5)
    // deep down, article → article took the place of the page on top
    expect(taroApi('redirectTo')).toHaveBeenCalled()
    view.unmount()
  })
})
