import fs from 'node:fs'
import path from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { ImportFormat } from '@chuangan/shared'
import { csvRowToRecord, unknownColumns } from './csv-record'
import { RecordError } from './record'

/** One record read from a file, or why the text at `line` is no record. `line` is 1-based, a record's first line. */
export interface SourceItem {
  line: number
  record?: unknown
  error?: string
}

/** Bytes of the file read so far, for progress. */
export interface ByteCounter {
  read: number
  total: number
}

/** The format a file name says (`.json`, `.jsonl`/`.ndjson`, `.csv`), or null. */
export function formatOf(file: string): ImportFormat | null {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl'
  if (ext === '.csv') return 'csv'
  return null
}

/** Reads a file's records in batches, streaming (memory stays flat whatever the size). */
export function readRecords(file: string, format: ImportFormat, counter?: ByteCounter): AsyncGenerator<SourceItem[]> {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 })
  if (counter) {
    counter.total = fs.statSync(file).size
    stream.on('data', (chunk) => (counter.read += chunk.length))
  }
  if (format === 'csv') return csvRecords(stream)
  return textRecords(stream, format === 'json' ? new JsonArrayScanner() : new JsonLinesScanner())
}

interface Scanner {
  push(text: string, out: SourceItem[]): void
  end(out: SourceItem[]): void
}

async function* textRecords(stream: Readable, scanner: Scanner): AsyncGenerator<SourceItem[]> {
  const decoder = new StringDecoder('utf8')
  let first = true
  for await (const chunk of stream) {
    let text = decoder.write(chunk as Buffer)
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    first = false
    const out: SourceItem[] = []
    scanner.push(text, out)
    if (out.length) yield out
  }
  const out: SourceItem[] = []
  scanner.push(decoder.end(), out)
  scanner.end(out)
  if (out.length) yield out
}

function parseJson(text: string, line: number): SourceItem {
  try {
    return { line, record: JSON.parse(text) }
  } catch (error) {
    return { line, error: `not valid JSON: ${(error as Error).message}` }
  }
}

/** JSON Lines: one record a line; blank lines are skipped. */
export class JsonLinesScanner implements Scanner {
  private rest = ''
  private line = 0

  push(text: string, out: SourceItem[]): void {
    const all = this.rest + text
    let start = 0
    for (let nl = all.indexOf('\n'); nl !== -1; nl = all.indexOf('\n', start)) {
      this.one(all.slice(start, nl), out)
      start = nl + 1
    }
    this.rest = all.slice(start)
  }

  end(out: SourceItem[]): void {
    if (this.rest) this.one(this.rest, out)
    this.rest = ''
  }

  private one(raw: string, out: SourceItem[]): void {
    this.line++
    const text = raw.trim()
    if (text) out.push(parseJson(text, this.line))
  }
}

const QUOTE = 34
const BACKSLASH = 92
const NEWLINE = 10

/**
 * A JSON file holding one array of records, cut into its elements as it streams (each element parsed alone, so a
 * broken record is reported with its line and the next one still imports).
 */
export class JsonArrayScanner implements Scanner {
  private line = 1
  private depth = 0
  private inString = false
  private escaped = false
  private state: 'before' | 'inside' | 'after' | 'broken' = 'before'
  /** The text of the element being read (from earlier chunks), and where it began. */
  private pending: string | null = null
  private startLine = 0

  push(text: string, out: SourceItem[]): void {
    let from = this.pending !== null ? 0 : -1
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c === NEWLINE) this.line++
      if (this.state === 'broken') return
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) this.inString = false
        continue
      }
      const ch = text[i]
      if (this.state !== 'inside') {
        if (/\s/.test(ch)) continue
        if (this.state === 'before' && ch === '[') {
          this.state = 'inside'
          this.depth = 1
          continue
        }
        out.push({
          line: this.line,
          error:
            this.state === 'before'
              ? 'the file must hold one JSON array of records'
              : 'text after the end of the array',
        })
        this.state = 'broken'
        return
      }
      if (from === -1) {
        // Between elements.
        if (ch === ',' || /\s/.test(ch)) continue
        if (ch === ']' && this.depth === 1) {
          this.state = 'after'
          this.depth = 0
          continue
        }
        from = i
        this.startLine = this.line
      }
      if (c === QUOTE) this.inString = true
      else if (ch === '{' || ch === '[') this.depth++
      else if (ch === '}' || ch === ']') {
        this.depth--
        if (this.depth === 1) {
          this.close(text.slice(from, i + 1), out)
          from = -1
        } else if (this.depth === 0) {
          // `]` right after a bare value: the value ends, and so does the array.
          this.close(text.slice(from, i), out)
          from = -1
          this.state = 'after'
        }
      } else if (ch === ',' && this.depth === 1) {
        this.close(text.slice(from, i), out)
        from = -1
      }
    }
    if (from !== -1) this.pending = (this.pending ?? '') + text.slice(from)
  }

  end(out: SourceItem[]): void {
    if (this.state === 'broken' || this.state === 'after') return
    if (this.state === 'before') out.push({ line: this.line, error: 'the file must hold one JSON array of records' })
    else if (this.pending !== null)
      out.push({ line: this.startLine, error: 'not valid JSON: the record is not closed before the end of the file' })
    else out.push({ line: this.line, error: 'not valid JSON: the array is not closed before the end of the file' })
  }

  private close(tail: string, out: SourceItem[]): void {
    const text = (this.pending ?? '') + tail
    this.pending = null
    out.push(parseJson(text, this.startLine))
  }
}

/** CSV with a header row (docs/search.md); bad rows are reported and skipped, the parser goes on. */
async function* csvRecords(stream: Readable): AsyncGenerator<SourceItem[]> {
  const skipped: SourceItem[] = []
  let lastLine = 0
  const parser = parse({
    bom: true,
    relax_column_count: true,
    // A stray quote inside a cell is kept as text: strict quoting loses every row after the first stray quote.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error) => {
      const line = (error as { lines?: number } | undefined)?.lines ?? lastLine + 1
      skipped.push({ line, error: `not a valid CSV row: ${error?.message.split(':')[0] ?? 'unreadable'}` })
      lastLine = line
    },
  })
  stream.pipe(parser)
  let header: string[] | null = null
  let batch: SourceItem[] = []
  let emptyLines = 0
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[]
    info: { lines: number; empty_lines: number }
  }>) {
    // A record ends on info.lines; it began after the previous one and the blank lines between.
    const line = Math.min(info.lines, lastLine + 1 + (info.empty_lines - emptyLines))
    lastLine = info.lines
    emptyLines = info.empty_lines
    if (skipped.length) batch.push(...skipped.splice(0))
    if (!header) {
      header = record.map((h) => h.trim())
      const unknown = unknownColumns(header)
      if (unknown.length)
        batch.push({
          line,
          error: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (ignored)`,
        })
      continue
    }
    try {
      batch.push({ line, record: csvRowToRecord(header, record) })
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      batch.push({ line, error: error.message })
    }
    if (batch.length >= 1000) {
      yield batch
      batch = []
    }
  }
  batch.push(...skipped.splice(0))
  if (!header) batch.push({ line: 1, error: 'the CSV file has no header row' })
  if (batch.length) yield batch
}
