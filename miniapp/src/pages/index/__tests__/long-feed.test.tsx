// The feed read far down: 热门 is ranked anew between two pages (an article can come back on a later page), every
// page is added without redrawing the cards shown, and only the cards within about a screen are drawn.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { intersect, liveObservers, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { articleCard, ok } from '../../../../test/fixtures'
import ArticleCard from '@/components/ArticleCard'
import { PAGE_SIZE } from '@/hooks/usePagedList'
import FeedPage from '../index'

const API = 'http://api.test/api'

// counts each card's renders: the memoised component's inner function, wrapped before anything renders
const renders = new Map<number, number>()
type CardProps = { article: { id: number } }
const memoised = ArticleCard as unknown as { type: (props: CardProps) => unknown }
const inner = memoised.type
memoised.type = (props: CardProps) => {
  renders.set(props.article.id, (renders.get(props.article.id) ?? 0) + 1)
  return inner(props)
}

/**
 * 热门 as the server answers it: a cursor is an offset into a ranking that changes after every page (the first
 * article of the page just sent loses score and drops 12 places, so it comes again on the next page).
 */
function serveHotFeed(total: number) {
  const ranking = Array.from({ length: total }, (_, i) => i + 1)
  const sent: number[][] = []
  taroApi('request').mockImplementation(({ url }: { url: string }) => {
    if (url === `${API}/columns`) return Promise.resolve(ok({ items: [] }))
    const query = new URL(url).searchParams
    const offset = Number(query.get('cursor') ?? 0)
    const ids = ranking.slice(offset, offset + PAGE_SIZE)
    sent.push(ids)
    const [fallen] = ranking.splice(offset, 1)
    ranking.splice(offset + 12, 0, fallen)
    const next = offset + PAGE_SIZE < ranking.length ? String(offset + PAGE_SIZE) : null
    return Promise.resolve(ok({ items: ids.map((id) => articleCard(id)), nextCursor: next }))
  })
  return sent
}

const cardIds = () =>
  Array.from(document.querySelectorAll('.article-card')).map((el) => Number(el.getAttribute('data-id')))
const blockIndex = (el: Element) => Number(el.id.split('-').pop())
const blocks = () => Array.from(document.querySelectorAll('.article-list__block'))
const nodeCount = () => document.body.querySelectorAll('*').length

/** The reader scrolls so that block `at` is on screen: its neighbours are near, the rest far (measured 600 px). */
function scrollToBlock(at: number) {
  act(() => intersect((el) => Math.abs(blockIndex(el) - at) <= 1, 600))
}

async function nextPage(pages: number) {
  act(() => void triggerPageHook('useReachBottom'))
  await waitFor(() => expect(taroApi('request').mock.calls.length).toBeGreaterThanOrEqual(pages + 1))
  await waitFor(() => expect(screen.queryByText('加载中…')).toBeNull())
}

beforeEach(() => renders.clear())

describe('the feed, 30 pages down', () => {
  it('never shows an article twice and keeps the drawn nodes under 1,000', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const sent = serveHotFeed(400)
    render(<FeedPage />)
    await waitFor(() => expect(cardIds()).toHaveLength(PAGE_SIZE))
    fireEvent.click(screen.getByText('热门'))
    await waitFor(() => expect(sent).toHaveLength(2))
    await waitFor(() => expect(cardIds()).toHaveLength(PAGE_SIZE))

    const counts: number[] = []
    for (let pages = 2; pages <= 30; pages++) {
      await nextPage(pages + 1)
      // the reader is at the bottom: the last blocks are on screen
      scrollToBlock(blocks().length - 1)
      counts.push(nodeCount())
      expect(new Set(cardIds()).size).toBe(cardIds().length)
    }
    expect(sent).toHaveLength(31)
    // the ranking did send articles again
    const allSent = sent.slice(1).flat()
    expect(new Set(allSent).size).toBeLessThan(allSent.length)
    expect(Math.max(...counts)).toBeLessThan(1000)

    // back up to the top, block by block: every article is in exactly one place, in the order first sent
    const shown: number[] = []
    for (let at = blocks().length - 1; at >= 0; at--) {
      scrollToBlock(at)
      expect(nodeCount()).toBeLessThan(1000)
      const block = blocks()[at]
      shown.unshift(
        ...Array.from(block.querySelectorAll('.article-card')).map((el) => Number(el.getAttribute('data-id'))),
      )
    }
    expect(shown).toEqual([...new Set(allSent)])
    expect(errors.mock.calls.filter(([message]) => String(message).includes('same key'))).toHaveLength(0)
    errors.mockRestore()
  }, 30_000) // 30 pages rendered in jsdom: seconds on a loaded machine, past jest's 5 s default

  it('draws each card once as pages are added (the shown ones are not redrawn)', async () => {
    const sent = serveHotFeed(100)
    render(<FeedPage />)
    await waitFor(() => expect(cardIds()).toHaveLength(PAGE_SIZE))
    for (let pages = 1; pages <= 3; pages++) await nextPage(pages + 1)
    expect(cardIds()).toEqual([...new Set(sent.flat())])
    expect(renders.size).toBe(cardIds().length)
    expect([...renders.values()].every((n) => n === 1)).toBe(true)
  })

  it('stops observing when the list goes (no observer left behind)', async () => {
    serveHotFeed(30)
    const view = render(<FeedPage />)
    await waitFor(() => expect(cardIds()).toHaveLength(PAGE_SIZE))
    expect(liveObservers()).toBeGreaterThan(0)
    view.unmount()
    expect(liveObservers()).toBe(0)
  })
})
