import { cacheControlFor } from './web-root'

describe('cacheControlFor', () => {
  it('caches hashed assets and their precompressed copies for a year, and revalidates the rest', () => {
    const year = 'public, max-age=31536000, immutable'
    expect(cacheControlFor('/h5/js/app.5e082441.js')).toBe(year)
    expect(cacheControlFor('/h5/js/app.5e082441.js.br')).toBe(year)
    expect(cacheControlFor('/h5/css/app.ff49a1de.css.gz')).toBe(year)
    expect(cacheControlFor('/h5/index.html')).toBe('no-cache')
    expect(cacheControlFor('/h5/index.html.br')).toBe('no-cache')
    expect(cacheControlFor('/h5/js/app.js.br')).toBe('no-cache')
  })
})
