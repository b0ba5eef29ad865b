import { CHECK_LABELS, normalizeForMatching, WordFilter, WORD_LIST } from './word-filter'

describe('normalizeForMatching', () => {
  it('folds full-width forms and case, and drops spaces, zero-width characters, punctuation and symbols', () => {
    expect(normalizeForMatching('ＡＢＣ１２３')).toBe('abc123')
    expect(normalizeForMatching('V X')).toBe('vx')
    expect(normalizeForMatching('薇\u200B信\uFEFF号\u3000码')).toBe('薇信号码')
    expect(normalizeForMatching('薇.信-号_码★！')).toBe('薇信号码')
    expect(normalizeForMatching('\t压力 传感器\n')).toBe('压力传感器')
  })
})

describe('WordFilter', () => {
  const filter = new WordFilter()

  it('passes ordinary industry talk', () => {
    for (const text of [
      'MEMS 压力传感器的温漂补偿讲得很清楚，请问封装应力怎么测？',
      '激光雷达量产成本还能再降吗',
      '发票问题请联系厂家客服',
      '',
    ]) {
      expect(filter.scan(text)).toEqual({ verdict: 'pass', label: null, word: null })
    }
  })

  it('sends review words to editors and refuses risky words, with the group’s WeChat label', () => {
    expect(filter.scan('想要样品的加薇信聊')).toEqual({ verdict: 'review', label: CHECK_LABELS.ad, word: '薇信' })
    expect(filter.scan('这是什么脑残设计')).toEqual({ verdict: 'review', label: CHECK_LABELS.abuse, word: '脑残' })
    expect(filter.scan('长期代开发票')).toEqual({ verdict: 'risky', label: CHECK_LABELS.illegal, word: '代开发票' })
    expect(filter.scan('刷单返利日入过千')).toEqual({ verdict: 'risky', label: CHECK_LABELS.fraud, word: '刷单返利' })
  })

  it('finds words written around the normalisation: spaces, zero-width characters, full width, case, punctuation', () => {
    for (const text of [
      '代 开 发 票',
      '代\u200B开\u200C发\u200D票',
      '代.开.发.票',
      '代、开、发、票！',
      '代\u0301开\uFE0F发票',
    ]) {
      expect(filter.scan(text).verdict).toBe('risky')
    }
    expect(filter.scan('加Ｖ信').verdict).toBe('review')
    expect(filter.scan('加 V 信').verdict).toBe('review')
  })

  it('lets the worst word win, wherever it stands', () => {
    expect(filter.scan('脑残，还不如去代开发票').verdict).toBe('risky')
    expect(filter.scan('代开发票的都是脑残').verdict).toBe('risky')
    expect(filter.scan('稳赚不赔还是脑残').label).toBe(CHECK_LABELS.fraud)
  })

  it('works with any word list, keeping the stricter verdict of a word listed twice', () => {
    const custom = new WordFilter([
      { label: 1, review: ['Ab C'], risky: [] },
      { label: 2, review: [], risky: ['abc'] },
    ])
    expect(custom.scan('xxABCxx')).toEqual({ verdict: 'risky', label: 2, word: 'abc' })
    expect(custom.scan('ab')).toEqual({ verdict: 'pass', label: null, word: null })
  })

  it('has every listed word reachable after normalisation', () => {
    for (const group of WORD_LIST) {
      for (const word of group.review) expect(filter.scan(`前${word}后`).verdict).toBe('review')
      for (const word of group.risky) expect(filter.scan(`前${word}后`).verdict).toBe('risky')
    }
  })
})
