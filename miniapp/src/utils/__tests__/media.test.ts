import { apiOrigin, mediaUrl } from '../media'

describe('mediaUrl', () => {
  it('prefixes server-relative paths with the API origin in the mini-program', () => {
    expect(mediaUrl('/media/covers/x.png', 'weapp', 'https://api.example.com/api')).toBe(
      'https://api.example.com/media/covers/x.png',
    )
    expect(mediaUrl('media/a.png', 'weapp', 'http://localhost:3000/api/')).toBe('http://localhost:3000/media/a.png')
  })

  it('keeps relative paths as they are in H5 (same origin)', () => {
    expect(mediaUrl('/media/covers/x.png', 'h5', '/api')).toBe('/media/covers/x.png')
  })

  it('leaves absolute URLs alone and turns nothing into an empty string', () => {
    expect(mediaUrl('https://cdn.example.com/a.png', 'weapp', 'https://api.example.com/api')).toBe(
      'https://cdn.example.com/a.png',
    )
    expect(mediaUrl('//cdn.example.com/a.png', 'weapp')).toBe('//cdn.example.com/a.png')
    expect(mediaUrl(null, 'weapp')).toBe('')
    expect(mediaUrl(undefined, 'h5')).toBe('')
  })

  it('uses the build constant by default', () => {
    expect(apiOrigin()).toBe('http://api.test')
    expect(mediaUrl('/media/a.png')).toBe('http://api.test/media/a.png')
  })
})
