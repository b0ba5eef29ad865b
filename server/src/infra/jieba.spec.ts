import fs from 'node:fs'
import path from 'node:path'
import { bulkSearchWords, cutWords, jiebaSegmenter, QueryJieba, searchWords } from './jieba'

/**
 * searchWords and cutWords answer without jieba's full dictionary in memory: texts are cut by one jieba holding
 * only the dictionary words found in the texts so far. They must cut every text exactly as the full segmenter does.
 */
describe('jieba without its full dictionary in memory', () => {
  const server = path.join(__dirname, '../..')
  const catalog = fs
    .readFileSync(path.join(server, 'demo/catalog.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const quality = JSON.parse(fs.readFileSync(path.join(server, 'test/search-quality.json'), 'utf8')) as {
    queries: Array<{ q: string }>
  }
  const articles = fs
    .readdirSync(path.join(server, 'demo/articles'))
    .map((f) => fs.readFileSync(path.join(server, 'demo/articles', f), 'utf8'))

  const texts = new Set<string>()
  for (const p of catalog) {
    for (const field of ['name', 'brand', 'category', 'description', 'model']) {
      if (typeof p[field] === 'string') texts.add(p[field])
    }
  }
  for (const { q } of quality.queries) texts.add(q)
  for (const article of articles) for (const line of article.split('\n')) if (line.trim()) texts.add(line)
  // Runs of Chinese and pieces of them, as a query's parser hands them over (words cut across, odd starts).
  const runs = [...texts].flatMap((t) => t.match(/\p{Script=Han}+/gu) ?? [])
  runs.forEach((run, i) => {
    texts.add(run)
    if (run.length > 3) texts.add(run.slice(i % 3, run.length - (i % 2)))
    texts.add(run + runs[(i * 7 + 3) % runs.length])
  })
  for (const hard of [
    '',
    ' ',
    '南京市长江大桥',
    '的的的',
    '我来到北京清华大学',
    '\uE000\uE001\uE002压力',
    'Ａ１２　压变\r\n',
  ]) {
    texts.add(hard)
  }

  it(`cuts ${texts.size} texts (demo catalogue, quality queries, articles, Chinese runs) as the full dictionary does`, () => {
    const full = jiebaSegmenter()
    const differ: string[] = []
    for (const text of texts) {
      if (searchWords(text).join('|') !== bulkSearchWords(text).join('|')) differ.push(`search: ${text}`)
      if (cutWords(text).join('|') !== full.cut(text, true).join('|')) differ.push(`cut: ${text}`)
    }
    expect(differ).toEqual([])
    expect(texts.size).toBeGreaterThan(1000)
  })

  it('cuts alike when the query jieba starts over with a fresh dictionary (every 200 words here)', () => {
    const small = new QueryJieba(200)
    const differ: string[] = []
    let i = 0
    for (const text of texts) {
      if (i++ % 4 !== 0) continue
      if (small.for(text).cutForSearch(text, true).join('|') !== bulkSearchWords(text).join('|')) differ.push(text)
    }
    expect(differ).toEqual([])
  })

  it('keeps its native memory: 5,000 new texts grow RSS by less than 12 MB (a jieba per text lost ≈ 33 MB)', () => {
    const query = new QueryJieba()
    const words = ['压力变送器', '温度传感器', '接近开关', '称重传感器', '霍尔电流', '扩散硅', '液位计', '光电开关']
    const cut = (i: number) => {
      const text = `${words[i % 8]}${words[(i * 3) % 8]}${i}`
      query.for(text).cutForSearch(text, true)
    }
    for (let i = 0; i < 500; i++) cut(i)
    const before = process.memoryUsage().rss
    for (let i = 500; i < 5500; i++) cut(i)
    expect((process.memoryUsage().rss - before) / 1048576).toBeLessThan(12)
  })

  it('gives jieba words, not single characters', () => {
    expect(searchWords('压力传感器')).toEqual(['压力', '传感', '感器', '传感器'])
    expect(searchWords('南京市长江大桥')).toContain('长江大桥')
    expect(cutWords('我来到北京清华大学')).toEqual(['我', '来到', '北京', '清华大学'])
  })
})
