import { spawn } from 'node:child_process'
import { constants } from 'node:os'

/**
 * The CLI's first import, before any other module runs: `import-products` into PostgreSQL runs again in a child
 * with a larger young generation, unless its Node.js flags already set one. A bulk import makes row text by the
 * hundred megabytes a minute, all of it dropped a chunk later; with V8's default 16 MB semi-spaces much of it
 * outlives a scavenge and is copied, then promoted and marked. With 64 MB, 200,000 products went into PostgreSQL in
 * 44.5 s against 51.0 s (three runs each, alternating), for about 230 MB more resident memory at the peak. On SQLite
 * the import spends its time in the database engine in this thread instead, and took as long either way (three runs
 * each), so it is left alone. V8 reads the flag only when the heap is made, hence the child; NODE_OPTIONS or a flag
 * on the command line wins, and a process being debugged (--inspect) is not relaunched.
 *
 * `relaunched` is the child's end (cli.ts then runs nothing itself): its exit code, or 128 + the signal that ended it.
 * SIGINT, SIGTERM and SIGHUP sent to this process are passed on, so the child never outlives it.
 */
const FLAG = /^--max[-_]semi[-_]space[-_]size/
const SEMI_SPACE = '--max-semi-space-size=64'

function relaunch(): Promise<number> | null {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  if (process.argv[2] !== 'import-products') return null
  if (!/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '')) return null
  if (flags.some((flag) => FLAG.test(flag) || flag.startsWith('--inspect'))) return null
  const child = spawn(process.execPath, [SEMI_SPACE, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  })
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
  for (const signal of signals) process.on(signal, () => child.kill(signal))
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`could not start the import: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 1)))
  })
}

export const relaunched = relaunch()
