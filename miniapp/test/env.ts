// What config/index.ts defineConstants provides in a real build.
;(globalThis as Record<string, unknown>).API_BASE = 'http://api.test/api'
// The build's compile-time helpers, so that tests can read app.config.ts and the page configs.
;(globalThis as Record<string, unknown>).definePageConfig = (config: unknown) => config
;(globalThis as Record<string, unknown>).defineAppConfig = (config: unknown) => config
