import { parseQuantity, type Quantity, type Understood } from '@chuangan/shared'
import { ENGLISH_WORDS, TRADE_SYNONYMS } from './dictionary'
import { normalizeEnum, type Segment } from './engine/search-index'
import { bigrams, looksLikeModel, modelKeyOf, normalize } from './text'

/** Words that must all be found: each a group of alternatives, each alternative a list of terms all present. */
export interface TermGroup {
  text: string
  alternatives: string[][]
  /** A Latin word that may also be part of a model number (`lugb` finds LUGB-220): matched there too. */
  modelFragment?: string
  /** Whole-word terms that score a document higher when present. */
  words: string[]
}

/** A query as understood: words, model fragments, and parameters written in it (filters, not words). */
export interface ParsedQuery {
  groups: TermGroup[]
  models: string[]
  quantities: Array<Quantity & { text: string; model?: string }>
  enums: string[]
  ipAtLeast: number | null
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`
const UNIT = String.raw`(?:[a-z°℃℉%Ωμµ³²·]+(?:/[a-z]+|\d)?|[\u4e00-\u9fa5]{1,3})`
/**
 * A quantity or span standing alone: not inside a model number (LJ12A3 holds no `12 A`, PT-401A no `401 A`, PT-210-16M
 * no `210-16 m`): not after a letter, digit or point, nor after a hyphen or slash that follows one.
 */
const QUANTITY = new RegExp(
  String.raw`(?<![a-z0-9.])(?<![a-z0-9][-/])(${NUMBER}\s*(?:${UNIT})?\s*(?:-|~|至|到)\s*${NUMBER}\s*${UNIT}|${NUMBER}\s*${UNIT})(?![a-z0-9])`,
  'gu',
)
const TOKEN = /\p{Script=Han}+|[a-z0-9]+(?:[.\-/][a-z0-9]+)*/gu
/** Latin followed by Chinese, as some enum values are written (`AA级`, `C3级`). */
const MIXED = /(?<![a-z0-9])[a-z0-9]+\p{Script=Han}{1,2}/gu
const SYNONYM_KEYS = Object.keys(TRADE_SYNONYMS).sort((a, b) => b.length - a.length)
/** English product words, longest first, each with its pattern compiled once (not per query). */
const ENGLISH = Object.entries(ENGLISH_WORDS)
  .sort((a, b) => b[0].length - a[0].length)
  .map(([english, chinese]) => [new RegExp(`(?<![a-z])${english}(?![a-z])`, 'g'), chinese] as const)

/** What the parser needs to know of the catalogue: which enum values exist, and under which keys. */
export interface Vocabulary {
  enumKeys: Map<string, Set<string>>
}

export function parseQuery(raw: string, index: Vocabulary, segment: Segment): ParsedQuery {
  const parsed: ParsedQuery = { groups: [], models: [], quantities: [], enums: [], ipAtLeast: null }
  let text = ` ${normalize(raw)} `
  if (/[a-z]/.test(text)) for (const [english, chinese] of ENGLISH) text = text.replace(english, ` ${chinese} `)
  text = text.replace(QUANTITY, (match) => {
    const value = normalizeEnum(match)
    if (index.enumKeys.has(value)) parsed.enums.push(value)
    else {
      const quantity = parseQuantity(match.replace(/至|到/, '-'))
      if (!quantity) return match
      // `430s` may be 430 seconds or the end of PT-430S: either matches.
      const model = /^[a-z0-9]+$/.test(match.trim()) && looksLikeModel(match) ? modelKeyOf(match) : undefined
      parsed.quantities.push({ ...quantity, text: match.trim(), ...(model ? { model } : {}) })
    }
    return ' '
  })
  text = text.replace(MIXED, (match) => {
    const value = normalizeEnum(match)
    if (!index.enumKeys.has(value)) return match
    parsed.enums.push(value)
    return ' '
  })
  for (const token of text.match(TOKEN) ?? []) {
    if (/\p{Script=Han}/u.test(token)) parsed.groups.push(...hanGroups(token, segment, index))
    else latin(token, parsed, index)
  }
  return parsed
}

function latin(token: string, parsed: ParsedQuery, index: Vocabulary): void {
  const value = normalizeEnum(token)
  const ip = /^IP(\d)(\d)K?$/.exec(value)
  if (ip) {
    parsed.ipAtLeast = Math.max(parsed.ipAtLeast ?? 0, Number(ip[1] + ip[2]))
    return
  }
  if (index.enumKeys.has(value) && token.length === 1) {
    // One letter: the K of K型热电偶 (a graduation) or the S of S型称重传感器 (a shape): either.
    const alternatives = [[`w:${token}`], ...[...index.enumKeys.get(value)!].map((key) => [`e:${key}=${value}`])]
    parsed.groups.push({ text: value, alternatives, words: [`w:${token}`] })
    return
  }
  if (index.enumKeys.has(value)) {
    parsed.enums.push(value)
    return
  }
  if (looksLikeModel(token)) {
    parsed.models.push(modelKeyOf(token))
    return
  }
  if (token.length < 2) return // a lone letter (the S of S型) says too little to filter on
  parsed.groups.push({
    text: token,
    alternatives: [[`w:${token}`]],
    words: [`w:${token}`],
    ...(token.length >= 3 ? { modelFragment: modelKeyOf(token) } : {}),
  })
}

/** Chinese enum values (常闭, 二线制, 对射式), longest first, per vocabulary. */
const hanEnumsOf = new WeakMap<Vocabulary, string[]>()
function hanEnums(index: Vocabulary): string[] {
  let values = hanEnumsOf.get(index)
  if (!values) {
    values = [...index.enumKeys.keys()]
      .filter((v) => /^\p{Script=Han}{2,}$/u.test(v))
      .sort((a, b) => b.length - a.length)
    hanEnumsOf.set(index, values)
  }
  return values
}

/** A run of Chinese: trade shorthand first (longest match), the rest in the segmenter's words. */
function hanGroups(run: string, segment: Segment, index: Vocabulary): TermGroup[] {
  const enums = hanEnums(index)
  const groups: TermGroup[] = []
  let rest = ''
  const flush = () => {
    if (!rest) return
    for (const word of segment(rest)) {
      const group = wordGroup(word, [])
      if (group) groups.push(group)
    }
    rest = ''
  }
  for (let i = 0; i < run.length;) {
    const key = SYNONYM_KEYS.find((k) => run.startsWith(k, i))
    if (key) {
      flush()
      groups.push(wordGroup(key, TRADE_SYNONYMS[key])!)
      i += key.length
      continue
    }
    const value = enums.find((v) => run.startsWith(v, i))
    if (value) {
      // A parameter value written in words: found in the text or in that parameter.
      flush()
      const group = wordGroup(value, [])!
      for (const key of index.enumKeys.get(value) ?? []) group.alternatives.push([`e:${key}=${value}`])
      groups.push(group)
      i += value.length
    } else {
      rest += run[i]
      i += 1
    }
  }
  flush()
  return groups
}

/** A word and its synonyms as alternatives, each the bigrams of its Chinese (all present) or a Latin word. */
function wordGroup(word: string, synonyms: string[]): TermGroup | null {
  const w = normalize(word)
  if ([...w].length < 2) return null // a lone character says too little to filter on
  const alternatives = [w, ...synonyms.map(normalize)].map((s) =>
    /\p{Script=Han}/u.test(s) ? bigrams(s).map((g) => `h:${g}`) : [`w:${s}`],
  )
  return { text: word, alternatives, words: [w, ...synonyms.map(normalize)].map((s) => `w:${s}`) }
}

/** The query as understood, for the chips above the results (`量程 含 10bar`, `型号含 5010`, `输出 4-20MA`). */
export function understood(parsed: ParsedQuery, fuzzyModels: string[]): Understood[] {
  // The segmenter's search mode also gives the words inside a word (传感器 → 传感, 感器): show the whole word only.
  const shown = parsed.groups.filter(
    (g) => !parsed.groups.some((o) => o !== g && o.text.length > g.text.length && o.text.includes(g.text)),
  )
  const out: Understood[] = shown.map((g) => ({ kind: 'word' as const, text: g.text, label: g.text }))
  for (const model of parsed.models) {
    const fuzzy = fuzzyModels.includes(model)
    out.push({
      kind: fuzzy ? 'fuzzyModel' : 'model',
      text: model,
      label: fuzzy ? `型号近似 ${model}` : `型号含 ${model}`,
    })
  }
  for (const q of parsed.quantities) {
    out.push({ kind: 'quantity', text: q.text, label: `参数含 ${q.text}` })
  }
  for (const value of parsed.enums) out.push({ kind: 'enum', text: value, label: value })
  if (parsed.ipAtLeast !== null) {
    const ip = String(parsed.ipAtLeast).padStart(2, '0')
    out.push({ kind: 'ip', text: `IP${ip}`, label: `防护 ≥ IP${ip}` })
  }
  return out
}
