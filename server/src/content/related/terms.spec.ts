import { articleTerms } from './terms'

describe('articleTerms', () => {
  it('segments Chinese, weights the title above the summary and drops stopwords', () => {
    const terms = articleTerms('MEMS 压力传感器的温漂', '封装应力是压力传感器温漂的主要来源')
    expect(terms.has('的')).toBe(false)
    expect(terms.has('mems')).toBe(true)
    expect([...terms.keys()].some((t) => t.includes('压力'))).toBe(true)
    const max = Math.max(...terms.values())
    expect(max).toBe(100)
    expect(terms.get('封装') ?? 0).toBeLessThan(100)
  })

  it('keeps at most 12 terms and is deterministic', () => {
    const title = '温度 湿度 压力 流量 液位 气体 图像 激光雷达 毫米波 超声波 红外 霍尔 磁阻 光纤 应变'
    const a = articleTerms(title, '')
    expect(a.size).toBe(12)
    expect([...articleTerms(title, '').entries()]).toEqual([...a.entries()])
  })

  it('returns nothing for text with no words', () => {
    expect(articleTerms('!!! ？？？', '12 34').size).toBe(0)
  })
})
