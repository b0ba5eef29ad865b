import { canonicalUnit, dimensionOf } from '@chuangan/shared'
import { flattenTaxonomy, TAXONOMY } from './taxonomy'

describe('taxonomy', () => {
  const flat = flattenTaxonomy()

  it('has at least 12 top categories, each with children and parameters', () => {
    expect(TAXONOMY.length).toBeGreaterThanOrEqual(12)
    for (const top of TAXONOMY) {
      expect(top.children?.length).toBeGreaterThanOrEqual(2)
      expect(top.params?.length).toBeGreaterThanOrEqual(4)
    }
    expect(new Set(flat.map((c) => c.path)).size).toBe(flat.length)
    expect(flat.find((c) => c.path === '压力传感器/压力变送器')?.depth).toBe(1)
  })

  it('gives each parameter key one kind and one dimension across the tree (search filters by key)', () => {
    const seen = new Map<string, string>()
    for (const c of flat) {
      for (const p of c.params) {
        const meaning = `${p.kind}/${p.dimension}/${p.dimension ? '' : p.unit}`
        expect([p.key, seen.get(p.key) ?? meaning]).toEqual([p.key, meaning])
        seen.set(p.key, meaning)
        expect(p.key.length).toBeLessThanOrEqual(32)
      }
    }
  })

  it('shows every physical parameter in a unit of its dimension', () => {
    for (const c of flat) {
      for (const p of c.params.filter((p) => p.dimension)) {
        expect([p.key, canonicalUnit(p.unit!, p.dimension!) && dimensionOf(p.unit!, p.dimension!)]).toEqual([
          p.key,
          p.dimension,
        ])
      }
    }
  })
})
