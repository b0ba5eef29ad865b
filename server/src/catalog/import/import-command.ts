import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { IMPORT_FORMATS, type ImportFormat } from '@chuangan/shared'
import type { ImportProgress, ProductImporter } from './product-importer.service'
import { formatOf } from './sources'

/** Where the command writes: result lines, problems, and the terminal for a progress bar (null: percent lines). */
export interface CommandIo {
  out: (line: string) => void
  err: (line: string) => void
  tty: NodeJS.WritableStream | null
}

export const IMPORT_PRODUCTS_USAGE = 'usage: node dist/cli.js import-products <file> [--format json|jsonl|csv]'

/**
 * `import-products <file> [--format …]`: a progress bar on a terminal, else a line every 10 %; each bad record with
 * its line and reason; `created N, updated M, failed K`. Exit code 0, 1 when any record failed, 2 on a usage error.
 */
export async function importProductsCommand(
  importer: ProductImporter,
  args: string[],
  io: CommandIo,
  /** Around the import itself, once the arguments are checked (cli.ts: indexes set aside for a first load). */
  around: <T>(run: () => Promise<T>) => Promise<T> = (run) => run(),
): Promise<number> {
  let file: string | undefined
  let format: ImportFormat | undefined
  try {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string' } }, allowPositionals: true })
    file = positionals[0]
    format = values.format as ImportFormat | undefined
  } catch (error) {
    return usage(io, (error as Error).message)
  }
  if (!file) return usage(io, 'import-products needs a file')
  if (format && !IMPORT_FORMATS.includes(format))
    return usage(io, `--format must be one of ${IMPORT_FORMATS.join(', ')}`)
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return usage(io, `no such file: ${file}`)
  if (!format && !formatOf(file)) return usage(io, `cannot tell the format of ${file}: pass --format`)

  const started = Date.now()
  const bar = io.tty
    ? new SingleBar({
        format: '导入中 [{bar}] {percentage}% | {records} 条 · 新增 {created} · 更新 {updated} · 失败 {failed}',
        hideCursor: true,
        stream: io.tty,
      })
    : null
  let lastTenth = -1
  const onProgress = (p: ImportProgress) => {
    const total = Math.max(1, p.bytesTotal)
    if (bar) {
      if (lastTenth === -1) bar.start(total, 0, p)
      lastTenth = 0
      bar.update(p.done ? total : p.bytesRead, p)
      return
    }
    const tenth = Math.min(9, Math.floor((p.bytesRead / total) * 10))
    if (tenth === lastTenth && !p.done) return
    lastTenth = tenth
    io.err(
      `${p.done ? 100 : tenth * 10}%: ${p.records} records, created ${p.created}, updated ${p.updated}, failed ${p.failed}`,
    )
  }
  const summary = await around(async () => {
    const result = await importer.importFile(path.resolve(file), { format, onProgress })
    bar?.stop()
    return result
  })
  for (const f of summary.failed) io.err(`✖ line ${f.line}: ${f.reason}`)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  io.out(`created ${summary.created}, updated ${summary.updated}, failed ${summary.failed.length} (${seconds} s)`)
  return summary.failed.length ? 1 : 0
}

function usage(io: CommandIo, message: string): number {
  io.err(`${message}\n\n${IMPORT_PRODUCTS_USAGE}`)
  return 2
}
