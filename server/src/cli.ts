// First: may run the command in a child with other Node.js flags (cli-relaunch.ts).
import { relaunched } from './cli-relaunch'
import 'reflect-metadata'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { NestFactory } from '@nestjs/core'
import { SingleBar } from 'cli-progress'
import { DataSource } from 'typeorm'
import { AppModule } from './app.module'
import { SessionsService } from './auth/sessions.service'
import { ConfigError, loadConfig } from './config/config'
import { Author } from './content/author.entity'
import { Product, Supplier } from './catalog/catalog.entity'
import { withDeferredIndexes } from './database/deferred-indexes'
import { SEARCH_ENGINE, type SearchEngine } from './search/search-engine'
import { DemoContentService } from './demo/demo-content.service'
import { ImportService } from './content/import/import.service'
import { importProductsCommand } from './catalog/import/import-command'
import { ProductImporter } from './catalog/import/product-importer.service'
import { DemoCatalogService } from './demo/demo-catalog.service'
import { DeliveryWorker } from './delivery/delivery-worker.service'
import { ROLES, type Role } from './users/user.entity'
import { UsersService } from './users/users.service'

const USAGE = `usage: node dist/cli.js <command>
  import-articles <folder>                      import Markdown files with front matter (re-running updates)
  import-products <file> [--format json|jsonl|csv]
                                                import a product catalogue (docs/search.md; re-running updates)
  create-staff --role editor|author|supplier --name N   create a staff account and print a session token
               [--author <author-slug>]          …and let it write as that author
               [--supplier <supplier name or id>] …and let it answer for that supplier (required for supplier)
  seed-demo                                     load the demo content and catalogue into an empty database
  deliver [--drain] [--lease-ms N]              work the subscribe-message outbox (docs/followers.md): until
                                                stopped, or with --drain until nothing is due`

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2)
  if (!command || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  // No shared search index in a CLI process: no command answers searches from it (an import's saved searches are
  // matched in SQL), and none should load ≈ 200 MB or become the process that builds it.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, SEARCH_SHARED_INDEX: '0' })
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] })
  try {
    if (command === 'import-articles') {
      const folder = rest[0]
      if (!folder) throw new UsageError('import-articles needs a folder')
      const bar = process.stderr.isTTY
        ? new SingleBar({ format: '导入中 [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr })
        : null
      let lastPercent = -1
      const report = await app.get(ImportService).importFolder(path.resolve(folder), (done, total, file) => {
        if (bar) {
          if (done === 1) bar.start(total, 0, { file })
          bar.update(done, { file })
        } else {
          const percent = Math.floor((done / total) * 10) * 10
          if (percent !== lastPercent || done === total) console.error(`imported ${done}/${total} (${file})`)
          lastPercent = percent
        }
      })
      bar?.stop()
      for (const f of report.failed) console.error(`✖ ${f.file}: ${f.reason}`)
      console.log(`created ${report.created}, updated ${report.updated}, failed ${report.failed.length}`)
      return report.failed.length ? 1 : 0
    }
    if (command === 'import-products') {
      const tty = process.stderr.isTTY ? process.stderr : null
      const db = app.get(DataSource)
      // The catalogue's first load into PostgreSQL: the parameter and search indexes are built after it, once the
      // search rows it queued are written (database/deferred-indexes.ts).
      const around = <T>(run: () => Promise<T>) =>
        withDeferredIndexes(
          db,
          {
            tables: ['product', 'product_param', 'search_doc'],
            empty: async () => !(await db.getRepository(Product).exists()),
            settled: () => app.get<SearchEngine>(SEARCH_ENGINE).settled(),
            progress: (line) => console.error(line),
          },
          run,
        )
      return await importProductsCommand(
        app.get(ProductImporter),
        rest,
        { out: console.log, err: console.error, tty },
        around,
      )
    }
    if (command === 'create-staff') {
      const { values } = parseArgs({
        args: rest,
        options: {
          role: { type: 'string' },
          name: { type: 'string' },
          author: { type: 'string' },
          supplier: { type: 'string' },
        },
      })
      const role = values.role as Role
      if (!ROLES.includes(role) || role === 'reader') throw new UsageError('--role must be editor, author or supplier')
      if (!values.name) throw new UsageError('--name is required')
      if ((role === 'supplier') !== Boolean(values.supplier)) {
        throw new UsageError('--supplier goes with --role supplier, and a supplier account needs it')
      }
      let supplierId: number | null = null
      if (values.supplier) {
        const suppliers = app.get(DataSource).getRepository(Supplier)
        const key = values.supplier.trim()
        const supplier = /^\d+$/.test(key)
          ? await suppliers.findOneBy({ id: Number(key) })
          : await suppliers.findOneBy({ name: key })
        if (!supplier) throw new UsageError(`no supplier ${key}`)
        supplierId = supplier.id
      }
      const user = await app.get(UsersService).create({ nickname: values.name, role, supplierId })
      if (values.author) {
        const authors = app.get(DataSource).getRepository(Author)
        const author = await authors.findOneBy({ slug: values.author })
        if (!author) throw new UsageError(`no author with slug ${values.author}`)
        await authors.update({ id: author.id }, { userId: user.id })
      }
      const { token, expiresAt } = await app.get(SessionsService).issue(user.id, 365)
      console.log(
        `user ${user.id} (${role}) created; token (valid until ${expiresAt.toISOString().slice(0, 10)}):\n${token}`,
      )
      return 0
    }
    if (command === 'seed-demo') {
      const created = await app.get(DemoContentService).seedIfEmpty()
      console.log(
        created ? `demo content loaded: ${created} articles` : 'the database already has articles; nothing loaded',
      )
      const products = await app.get(DemoCatalogService).seedIfEmpty()
      console.log(
        products ? `demo catalogue loaded: ${products} products` : 'the catalogue already has products; nothing loaded',
      )
      return 0
    }
    if (command === 'deliver') {
      const { values } = parseArgs({
        args: rest,
        options: { drain: { type: 'boolean' }, 'lease-ms': { type: 'string' }, batch: { type: 'string' } },
      })
      const worker = app.get(DeliveryWorker)
      const number = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined
        const n = Number(v)
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`)
        return n
      }
      worker.configure({
        ...(values['lease-ms'] ? { leaseMs: number(values['lease-ms'], 'lease-ms') } : {}),
        ...(values.batch ? { batch: number(values.batch, 'batch') } : {}),
      })
      if (values.drain) {
        const done = await worker.drain()
        console.log(`delivered or settled ${done} row(s); nothing is due`)
        return 0
      }
      console.error('working the outbox; Ctrl-C stops after the chunks in flight')
      worker.start()
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      await worker.stop()
      return 0
    }
    throw new UsageError(`unknown command ${command}`)
  } finally {
    await app.close()
  }
}

class UsageError extends Error {}

;(relaunched ?? main()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`)
    else if (error instanceof ConfigError) console.error(error.message)
    else console.error(error)
    process.exit(2)
  },
)
