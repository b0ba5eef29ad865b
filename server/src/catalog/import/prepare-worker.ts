import { parentPort, workerData } from 'node:worker_threads'
import type { ImportFormat } from '@chuangan/shared'
import type { CategoryForImport, StoredParamDef } from '../taxonomy.service'
import { prepareBatch, type WorkerMessage } from './prepared-source'
import { readRecords, type ByteCounter } from './sources'

/** The reading side of an import in its own thread (see prepared-source.ts): read, parse, check, post batches. */
interface Data {
  file: string
  format: ImportFormat
  credits: number
  categories: Array<Omit<CategoryForImport, 'params'> & { params: Array<[string, StoredParamDef]> }>
}

async function run(): Promise<void> {
  const data = workerData as Data
  const port = parentPort!
  const categories = new Map(data.categories.map((c) => [c.path, { ...c, params: new Map(c.params) }]))
  let credits = data.credits
  let wake: (() => void) | null = null
  port.on('message', () => {
    credits++
    wake?.()
  })
  const counter: ByteCounter = { read: 0, total: 0 }
  const post = (message: WorkerMessage) => port.postMessage(message)
  for await (const batch of readRecords(data.file, data.format, counter)) {
    const items = prepareBatch(batch, categories)
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
    credits--
    post({ items, read: counter.read, total: counter.total })
  }
  post({ done: true })
  port.unref()
}

run().catch((error: unknown) => parentPort!.postMessage({ fatal: String((error as Error)?.stack ?? error) }))
