import { ConfigError, loadConfig } from './config'

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBe('sqlite:data/chuangan.sqlite')
    expect(config.DEMO_CONTENT).toBe(false)
    expect(config.REDIS_URL).toBeUndefined()
  })

  it('names every bad variable with its value', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'oracle://x', DEMO_CONTENT: 'maybe' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toContain('PORT="abc"')
    expect(message).toContain('DATABASE_URL="oracle://x"')
    expect(message).toContain('DEMO_CONTENT="maybe"')
  })

  it('derives PUBLIC_URL from PORT unless given, and drops a trailing slash', () => {
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000')
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080')
    expect(loadConfig({ PUBLIC_URL: 'https://read.example.com/' }).PUBLIC_URL).toBe('https://read.example.com')
    expect(() => loadConfig({ PUBLIC_URL: 'read.example.com' })).toThrow(/PUBLIC_URL/)
    expect(() => loadConfig({ PUBLIC_URL: 'https://read.example.com/?x=1' })).toThrow(/PUBLIC_URL/)
  })

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '' }).PORT).toBe(3000)
  })

  it('picks the search engine from the database unless told, and refuses postgres search on another database', () => {
    expect(loadConfig({}).SEARCH_ENGINE).toBe('embedded')
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).SEARCH_ENGINE).toBe('postgres')
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SEARCH_ENGINE: 'embedded' }).SEARCH_ENGINE).toBe('embedded')
    expect(loadConfig({ DATABASE_URL: 'mariadb://u@h/db' }).SEARCH_ENGINE).toBe('embedded')
    expect(() => loadConfig({ DATABASE_URL: 'mariadb://u@h/db', SEARCH_ENGINE: 'postgres' })).toThrow(ConfigError)
    expect(() => loadConfig({ SEARCH_ENGINE: 'postgres' })).toThrow(/SEARCH_ENGINE/)
    expect(() => loadConfig({ SEARCH_ENGINE: 'elastic' })).toThrow(/SEARCH_ENGINE/)
  })
})
