import { useEffect, useState } from 'react'
import type { Suggestion } from '@chuangan/shared'
import { call } from '@/api/client'

/** How long typing pauses before suggestions are asked for. */
export const SUGGEST_DELAY_MS = 200

/** Suggestions for what is typed, asked for once typing pauses; an answer for older text is dropped. */
export function useSuggestions(text: string, enabled: boolean): Suggestion[] {
  const q = text.trim()
  const [answer, setAnswer] = useState<{ q: string; items: Suggestion[] }>({ q: '', items: [] })
  useEffect(() => {
    if (!enabled || !q) return
    let live = true
    const timer = setTimeout(() => {
      call('searchSuggest', { query: { q } })
        .then((res) => live && setAnswer({ q, items: res.items }))
        // suggestions are a help, not the search: a failure shows none
        .catch(() => live && setAnswer({ q, items: [] }))
    }, SUGGEST_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q, enabled])
  // the last answer stays up while the next is on its way (no flicker between keystrokes)
  return enabled && q ? answer.items : []
}
