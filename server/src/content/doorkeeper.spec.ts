import { Doorkeeper } from './doorkeeper'

describe('Doorkeeper', () => {
  it('admits a key on its second ask within the window', () => {
    const d = new Doorkeeper()
    expect(d.seenBefore('article:1')).toBe(false)
    expect(d.seenBefore('article:2')).toBe(false)
    expect(d.seenBefore('article:1')).toBe(true)
    expect(d.seenBefore('article:1')).toBe(true)
  })

  it('rarely mistakes a new key for a seen one', () => {
    const d = new Doorkeeper(10_000)
    for (let i = 0; i < 9_000; i++) d.seenBefore(`article:${i}`)
    let falsePositives = 0
    for (let i = 100_000; i < 110_000; i++) if (d.seenBefore(`article:${i}`)) falsePositives++
    // 9,000 to 10,000 keys in 2^17 bits with two hashes: about 2% expected.
    expect(falsePositives).toBeLessThan(500)
  })

  it('forgets everything once the window has passed', () => {
    const d = new Doorkeeper(100)
    d.seenBefore('old')
    for (let i = 0; i < 99; i++) d.seenBefore(`k${i}`)
    expect(d.seenBefore('old')).toBe(true)
    for (let i = 99; i < 200; i++) d.seenBefore(`k${i}`)
    expect(d.seenBefore('old')).toBe(false)
  })
})
