import { act, renderHook, waitFor } from '@testing-library/react'
import { appendNew, usePagedList } from '../usePagedList'

type Item = { id: number }
const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }))

describe('appendNew', () => {
  it('adds only what is not shown yet, and answers the same list when nothing is new', () => {
    const shown = items(1, 2, 3)
    expect(appendNew(shown, items(3, 4, 4, 5)).map((i) => i.id)).toEqual([1, 2, 3, 4, 5])
    expect(appendNew(shown, items(2, 1))).toBe(shown)
  })
})

describe('usePagedList', () => {
  it('fetches on past a page that brings nothing new (up to three), so the reader is not left at the bottom', async () => {
    const pages: Record<string, { items: Item[]; nextCursor: string | null }> = {
      first: { items: items(1, 2), nextCursor: 'b' },
      b: { items: items(2, 1), nextCursor: 'c' },
      c: { items: items(1, 3), nextCursor: 'd' },
      d: { items: items(4), nextCursor: null },
    }
    const fetchPage = jest.fn(async (cursor: string | undefined) => pages[cursor ?? 'first'])
    const { result } = renderHook(() => usePagedList<Item>('k', fetchPage))
    await waitFor(() => expect(result.current.status).toBe('ready'))

    await act(() => result.current.loadMore())

    expect(result.current.items.map((i) => i.id)).toEqual([1, 2, 3])
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 'b', 'c'])
    expect(result.current.hasMore).toBe(true)
  })

  it('keeps a list’s own merge (the comments put featured threads first)', async () => {
    const merge = (shown: Item[], page: Item[]) => [...page, ...shown]
    const fetchPage = async (cursor: string | undefined) =>
      cursor ? { items: items(9), nextCursor: null } : { items: items(1), nextCursor: 'x' }
    const { result } = renderHook(() => usePagedList<Item>('k', fetchPage, { merge }))
    await waitFor(() => expect(result.current.status).toBe('ready'))
    await act(() => result.current.loadMore())
    expect(result.current.items.map((i) => i.id)).toEqual([9, 1])
  })

  it('starts from a first page in hand for its key, fetching only for more, another key or a reload', async () => {
    const fetchPage = jest.fn(async (cursor: string | undefined) =>
      cursor ? { items: items(3), nextCursor: null } : { items: items(7), nextCursor: null },
    )
    const initial = { key: 'a', page: { items: items(1, 2), nextCursor: 'more' } }
    const { result, rerender } = renderHook(({ key }) => usePagedList<Item>(key, fetchPage, { initial }), {
      initialProps: { key: 'a' },
    })
    // ready at once, nothing fetched
    expect(result.current.status).toBe('ready')
    expect(result.current.items.map((i) => i.id)).toEqual([1, 2])
    await act(async () => undefined)
    expect(fetchPage).not.toHaveBeenCalled()

    await act(() => result.current.loadMore())
    expect(result.current.items.map((i) => i.id)).toEqual([1, 2, 3])
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual(['more'])

    // another key fetches; coming back to the first key fetches too (the page in hand was for the first load only)
    rerender({ key: 'b' })
    await waitFor(() => expect(result.current.items.map((i) => i.id)).toEqual([7]))
    rerender({ key: 'a' })
    await waitFor(() => expect(fetchPage).toHaveBeenCalledTimes(3))
    await waitFor(() => expect(result.current.items.map((i) => i.id)).toEqual([7]))
    await act(() => result.current.reload())
    expect(fetchPage).toHaveBeenCalledTimes(4)
  })
})
