import { looksLikeModel, modelKeysIn } from './model-numbers'

describe('model numbers in text', () => {
  it('finds the keys of model-like tokens once each, in order, across Chinese and full-width text', () => {
    expect(modelKeysIn('选用ＰＴ－５６１Ａ替代 yb-983a，再比较 PT-561A 与 LJ12A3-4-Z/BX。')).toEqual([
      'PT561A',
      'YB983A',
      'LJ12A34ZBX',
      'LJ12A34Z',
    ])
  })

  it('splits tokens joined by a slash and skips words, short codes and short numbers', () => {
    expect(modelKeysIn('YB-983A/PT-561A')).toEqual(['YB983APT561A', 'YB983A', 'PT561A'])
    expect(modelKeysIn('the load is 12 kg, IP 67, M8, 2026 年')).toEqual(['2026'])
    expect(looksLikeModel('m8')).toBe(false)
    expect(looksLikeModel('rs485')).toBe(true)
  })
})
