import { parentPort, workerData } from 'node:worker_threads'
import { bulkSearchWords } from '../infra/jieba'
import { SearchIndex, SearchIndexBuilder, type SearchDoc } from './engine/search-index'

/**
 * The embedded index built off the main thread (started by embedded-search.ts for large catalogues). The server
 * streams documents in chunks and the worker answers each chunk with `ack` (so at most a few chunks wait in its
 * queue); on `end` it posts the built data, handing its typed arrays over rather than copying them, and exits.
 * Everything the build leaves behind — segmenter output, the builder's growing lists, its term map, jieba's
 * dictionary — dies with this thread's heap instead of lingering in the server's.
 */
export interface WorkerInput {
  expected: number
  boundKeys: Set<string>
}
export type ToWorker = { docs: SearchDoc[] } | { end: true }
export type FromWorker = { ack: number } | { data: import('./engine/search-index').IndexData }

const port = parentPort
if (!port) throw new Error('index-worker runs as a worker thread')
const { expected, boundKeys } = workerData as WorkerInput
const builder = new SearchIndexBuilder(bulkSearchWords, expected, boundKeys)
port.on('message', (message: ToWorker) => {
  if ('docs' in message) {
    for (const doc of message.docs) builder.add(doc)
    port.postMessage({ ack: builder.size } satisfies FromWorker)
    return
  }
  const data = builder.data()
  port.postMessage({ data } satisfies FromWorker, SearchIndex.transferables(data))
  port.close()
})
