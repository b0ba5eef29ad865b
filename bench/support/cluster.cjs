// Runs the built server in N processes sharing one port through node:cluster (what a process manager's cluster
// mode does), for benchmarks on PostgreSQL/MariaDB with Redis. The first worker migrates and seeds; the others
// start once it listens.   node bench/support/cluster.cjs <server/dist/main.js> [processes=2]
const cluster = require('node:cluster')
const [mainJs, count = '2', readyFile] = process.argv.slice(2)
if (cluster.isPrimary) {
  const fork = (n) => {
    const worker = cluster.fork()
    worker.once('listening', () => {
      if (n + 1 < Number(count)) fork(n + 1)
      else if (readyFile) require('node:fs').writeFileSync(readyFile, String(count))
    })
    worker.once('exit', (code) => code && process.exit(code))
  }
  fork(0)
  // stop the workers, then leave (leaving first would break their IPC channel mid-write: EPIPE)
  process.on('SIGTERM', () => {
    const workers = Object.values(cluster.workers)
    let left = workers.length
    if (!left) process.exit(0)
    for (const w of workers) {
      w.removeAllListeners('exit')
      w.once('exit', () => --left === 0 && process.exit(0))
      w.kill('SIGTERM')
    }
  })
} else {
  require(mainJs)
}
