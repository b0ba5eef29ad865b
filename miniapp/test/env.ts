// What config/index.ts defineConstants provides in a real build.
;(globalThis as Record<string, unknown>).API_BASE = 'http://api.test/api'
