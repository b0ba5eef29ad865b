import { jsonObject } from './json-body'

describe('jsonObject', () => {
  it('splices Buffers as JSON text and serialises the rest', () => {
    const body = jsonObject({ a: Buffer.from('{"x":[1,"é"]}'), b: { y: 2 }, c: null, d: undefined })
    expect(JSON.parse(body.toString('utf8'))).toEqual({ a: { x: [1, 'é'] }, b: { y: 2 }, c: null, d: null })
  })
  it('answers {} for no fields', () => {
    expect(jsonObject({}).toString()).toBe('{}')
  })
})
