// Writes one benchmark's section into docs/benchmarks.md, replacing the previous run of the same benchmark.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/benchmarks.md')
const HEADER = `# Benchmarks

Written by the scripts in \`bench/\`; each section is replaced when its benchmark runs again. Every figure is
measured against a baseline taken in the same run on the same machine, and the ratio is what to compare.
`

export function writeSection(id, title, command, body) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
  const section = `<!-- bench:${id} -->\n## ${title}\n\nCommand: \`${command}\` — ${new Date().toISOString().slice(0, 16)}Z, ${machine}\n\n${body.trim()}\n<!-- /bench:${id} -->\n`
  const re = new RegExp(`<!-- bench:${id} -->[\\s\\S]*?<!-- /bench:${id} -->\\n`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`)
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * One table row per route from autocannon results of interleaved rounds (`samples[route][round]`; route 0 is the
 * baseline): median req/s, median ratio to the baseline taken within each round, p50/p99, worst p99, errors.
 */
export function summariseRounds(titles, samples) {
  return titles.map((title, i) => ({
    title,
    rps: median(samples[i].map((r) => r.requests.average)),
    ratio: median(samples[i].map((r, round) => r.requests.average / samples[0][round].requests.average)),
    p50: median(samples[i].map((r) => r.latency.p50)),
    p99: median(samples[i].map((r) => r.latency.p99)),
    worstP99: Math.max(...samples[i].map((r) => r.latency.p99)),
    errors: samples[i].reduce((n, r) => n + r.errors + r.non2xx, 0),
  }))
}
