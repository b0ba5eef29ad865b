import { DataSource, EntitySchema, type Repository } from 'typeorm'
import { gateSqliteTransactions } from './sqlite-transactions'

interface Note {
  id?: number
  body: string
}
const Note = new EntitySchema<Note>({
  name: 'note',
  columns: { id: { type: Number, primary: true, generated: true }, body: { type: String } },
})

/** Resolves when `open` is called: lets a test hold a transaction open while another flow acts. */
function latch(): { wait: Promise<void>; open(): void } {
  let open!: () => void
  const wait = new Promise<void>((r) => (open = r))
  return { wait, open }
}

const tick = () => new Promise((r) => setImmediate(r))

/** Flows that meet on SQLite's one connection keep their own transactions (database/sqlite-transactions.ts). */
describe('transactions on SQLite take turns', () => {
  let db: DataSource
  const bodies = async () => (await db.getRepository(Note).find({ order: { id: 'ASC' } })).map((n) => n.body)

  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Note], synchronize: true })
    gateSqliteTransactions(db)
    await db.initialize()
  })
  afterEach(() => db.destroy())

  // TypeORM's save() opens a transaction of its own (with one shared runner it joined the open one); a plain insert
  // ran inside whatever transaction was open.
  it.each([
    ['a repository save()', (repo: Repository<Note>) => repo.save({ body: 'kept' })],
    ['a plain insert', (repo: Repository<Note>) => repo.insert({ body: 'kept' })],
  ])("keeps %s out of another flow's transaction that rolls back", async (_, write) => {
    const held = latch()
    const failing = db.transaction(async (em) => {
      await em.insert(Note, { body: 'rolled back' })
      await held.wait
      throw new Error('boom')
    })
    await tick()
    const written = write(db.getRepository(Note))
    await tick()
    held.open()
    await expect(failing).rejects.toThrow('boom')
    await written
    expect(await bodies()).toEqual(['kept'])
  })

  it('starts a save() and a transaction at the same moment without a second BEGIN', async () => {
    const results = await Promise.allSettled([
      db.getRepository(Note).save({ body: 'a' }),
      db.transaction((em) => em.save(Note, { body: 'b' })),
      db.getRepository(Note).save({ body: 'c' }),
      db.transaction((em) => em.save(Note, { body: 'd' })),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect((await bodies()).sort()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('runs read-modify-write transactions one after another, so none is lost', async () => {
    const { id } = await db.getRepository(Note).save({ body: '0' })
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (em) => {
          const note = await em.findOneByOrFail(Note, { id })
          await tick()
          await em.update(Note, { id }, { body: String(Number(note.body) + 1) })
        }),
      ),
    )
    expect(await bodies()).toEqual(['20'])
  })

  it('lets a transaction nest savepoints in itself and roll one back', async () => {
    await db.transaction(async (em) => {
      await em.insert(Note, { body: 'outer' })
      await em
        .transaction(async (inner) => {
          await inner.insert(Note, { body: 'inner' })
          throw new Error('inner only')
        })
        .catch(() => undefined)
      await em.save(Note, { body: 'after' })
    })
    expect(await bodies()).toEqual(['outer', 'after'])
  })

  it('gives each caller its own runner over one statement cache', () => {
    const [a, b] = [db.createQueryRunner(), db.createQueryRunner()]
    expect(a).not.toBe(b)
    const cache = (runner: unknown) => (runner as { stmtCache: unknown }).stmtCache
    expect(cache(a)).toBeInstanceOf(Map)
    expect(cache(a)).toBe(cache(b))
  })

  it('lets reads through while a transaction is open', async () => {
    const held = latch()
    const open = db.transaction(async (em) => {
      await em.insert(Note, { body: 'pending' })
      await held.wait
    })
    await tick()
    // Resolves before the transaction ends (one connection: it sees the open transaction's row).
    expect(await db.getRepository(Note).count()).toBe(1)
    held.open()
    await open
  })

  it("makes a pragma set wait for another flow's transaction, and lets a pragma read through", async () => {
    const held = latch()
    const open = db.transaction(async (em) => {
      await em.insert(Note, { body: 'pending' })
      await held.wait
    })
    await tick()
    expect(await db.query('PRAGMA cache_size')).toHaveLength(1)
    let set = false
    const setting = db.query('PRAGMA cache_size = -4000').then(() => (set = true))
    await tick()
    expect(set).toBe(false)
    held.open()
    await open
    await setting
    expect(set).toBe(true)
  })

  it('hands the connection on after a failed BEGIN', async () => {
    // A transaction that cannot start must not keep the connection from the next one.
    await expect(db.transaction('REPEATABLE READ' as never, async () => undefined)).rejects.toThrow()
    await db.transaction((em) => em.insert(Note, { body: 'next' }))
    expect(await bodies()).toEqual(['next'])
  })
})
