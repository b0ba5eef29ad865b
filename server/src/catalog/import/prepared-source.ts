import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ImportFormat } from '@chuangan/shared'
import type { CategoryForImport } from '../taxonomy.service'
import { prepareRecord, RecordError, type PreparedProduct } from './record'
import { readRecords, type ByteCounter, type SourceItem } from './sources'

/** A record ready to write, or why it is not, with its line. */
export type PreparedItem = { line: number; product: PreparedProduct } | { line: number; error: string }

/** Batches the reading side may run ahead of the writing side. */
const CREDITS = 4
const WORKER = path.join(__dirname, 'prepare-worker.js')
/** Below this size a thread would cost more than it saves. */
const WORKER_FROM_BYTES = 4 << 20

/** Checks and prepares one batch of records read from a file. */
export function prepareBatch(batch: SourceItem[], categories: Map<string, CategoryForImport>): PreparedItem[] {
  return batch.map((item) => {
    if (item.error !== undefined) return { line: item.line, error: item.error }
    try {
      return { line: item.line, product: prepareRecord(item.record, categories) }
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      return { line: item.line, error: error.message }
    }
  })
}

/**
 * A file's records, read, parsed and checked. In the built server a worker thread does that (it is half the CPU of
 * an import) while this thread writes to the database; from TypeScript sources (tests) it happens in this thread.
 */
export function preparedItems(
  file: string,
  format: ImportFormat,
  categories: Map<string, CategoryForImport>,
  counter: ByteCounter,
): AsyncGenerator<PreparedItem[]> {
  if (fs.existsSync(WORKER) && fs.statSync(file).size >= WORKER_FROM_BYTES)
    return fromWorker(file, format, categories, counter)
  return inProcess(readRecords(file, format, counter), categories)
}

export async function* inProcess(
  source: AsyncIterable<SourceItem[]>,
  categories: Map<string, CategoryForImport>,
): AsyncGenerator<PreparedItem[]> {
  for await (const batch of source) yield prepareBatch(batch, categories)
}

/** What the worker posts: a batch with the bytes read so far, the end, or a failure. */
export type WorkerMessage = { items: PreparedItem[]; read: number; total: number } | { done: true } | { fatal: string }

async function* fromWorker(
  file: string,
  format: ImportFormat,
  categories: Map<string, CategoryForImport>,
  counter: ByteCounter,
): AsyncGenerator<PreparedItem[]> {
  const worker = new Worker(WORKER, {
    workerData: {
      file,
      format,
      credits: CREDITS,
      categories: [...categories.values()].map((c) => ({ ...c, params: [...c.params] })),
    },
  })
  const queue: WorkerMessage[] = []
  let wake: (() => void) | null = null
  let failure: Error | null = null
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message)
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  try {
    for (;;) {
      while (!queue.length && !failure) await new Promise<void>((resolve) => (wake = resolve))
      if (failure) throw failure
      const message = queue.shift()!
      if ('fatal' in message) throw new Error(message.fatal)
      if ('done' in message) return
      counter.read = message.read
      counter.total = message.total
      worker.postMessage('more')
      yield message.items
    }
  } finally {
    await worker.terminate()
  }
}
