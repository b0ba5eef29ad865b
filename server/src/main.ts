import { createApp } from './app.factory'
import { ConfigError, loadConfig } from './config/config'
import { returnFreedMemory, tuneMalloc } from './infra/collect-garbage'

async function main(): Promise<void> {
  const startedAt = performance.now()
  // First, before libuv's threads (file reads, crypto, image work) allocate and each keeps an arena of its own;
  // loading koffi for it takes ≈ 17 ms of the start. MALLOC_* variables set at start win.
  tuneMalloc('arenas')
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const app = await createApp(config)
  await app.listen({ port: config.PORT, host: config.HOST })
  // Large blocks mapped from now on (see MALLOC_SETTINGS), and what the start freed inside the C heap handed back.
  tuneMalloc('thresholds')
  returnFreedMemory()
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  const address = app.getHttpServer().address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  console.log(
    `Chuangan is running at http://${shownHost}:${port}/ (API http://${shownHost}:${port}/api, docs /api/docs) ` +
      `— ready in ${Math.round(performance.now() - startedAt)} ms`,
  )
  // dist/main.js (scripts/main-loader.cjs) writes V8's code cache for the next start once the server listens.
  ;(process as NodeJS.EventEmitter).emit('chuangan:listening')
}

main().catch((error: unknown) => {
  console.error('Chuangan failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
