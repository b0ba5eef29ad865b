import { DataSource, QueryFailedError } from 'typeorm'
import { selectSql } from './raw-sql'

/** selectSql's direct better-sqlite3 path must answer exactly what TypeORM's own path answers. */
describe('selectSql on SQLite', () => {
  let ds: DataSource
  let logged: DataSource

  beforeAll(async () => {
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize()
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER, at DATETIME)')
    await ds.query(
      `INSERT INTO t VALUES (1, 'a', 1, '2026-01-02 03:04:05.006'), (2, 'b', 0, '2026-02-01 00:00:00.000'), (3, 'c:x', 1, NULL), (5, '5', 0, NULL)`,
    )
    // With query logging on, the same calls go through TypeORM (so each is logged): the reference answers.
    logged = await new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      logging: ['query'],
      logger: 'debug',
    }).initialize()
    await logged.query('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER, at DATETIME)')
    await logged.query(
      `INSERT INTO t VALUES (1, 'a', 1, '2026-01-02 03:04:05.006'), (2, 'b', 0, '2026-02-01 00:00:00.000'), (3, 'c:x', 1, NULL), (5, '5', 0, NULL)`,
    )
  })
  afterEach(() => jest.restoreAllMocks())
  afterAll(async () => {
    await ds.destroy()
    await logged.destroy()
  })

  const cases: [string, string, Record<string, unknown>][] = [
    ['a text key', 'SELECT * FROM t WHERE id = :id', { id: '2' }],
    ['a number', 'SELECT * FROM t WHERE id = :id', { id: 2 }],
    ['a number against a text column', 'SELECT id FROM t WHERE name = :n OR id = 1', { n: 5 }],
    ['a number with a fraction', 'SELECT id FROM t WHERE id > :x ORDER BY id', { x: 1.5 }],
    ['a limit', 'SELECT id FROM t ORDER BY id LIMIT :n', { n: 2 }],
    ['a list', 'SELECT id FROM t WHERE id IN (:...ids) ORDER BY id', { ids: [3, 1] }],
    [
      'a list and a value',
      'SELECT id FROM t WHERE id IN (:...ids) AND flag = :flag',
      { ids: ['1', '2', '3'], flag: true },
    ],
    ['a boolean', 'SELECT id FROM t WHERE flag = :flag ORDER BY id', { flag: false }],
    ['a date', 'SELECT id FROM t WHERE at < :at', { at: new Date('2026-01-15T00:00:00Z') }],
    ['a parameter used twice', 'SELECT id FROM t WHERE id = :id OR id + 1 = :id', { id: 2 }],
    ['a missing parameter left as text', "SELECT id FROM t WHERE name = 'c:x' AND id = :id", { id: 3 }],
    ['no parameters', 'SELECT count(*) AS n FROM t', {}],
  ]

  it.each(cases)('answers %s as TypeORM does', async (_, sql, params) => {
    const viaTypeorm = jest.spyOn(ds.manager, 'query')
    const direct = await selectSql(ds.manager, sql, params)
    // The direct path ran (TypeORM's would have called the manager's query), except where a `:name` is not a
    // parameter (TypeORM leaves it as text, so the call is left to TypeORM), and answered what TypeORM answers.
    expect(viaTypeorm).toHaveBeenCalledTimes(sql.includes("'c:x'") ? 1 : 0)
    const reference = await selectSql(logged.manager, sql, params)
    expect(direct).toEqual(reference)
    expect(direct.length).toBeGreaterThan(0)
  })

  it('binds null, a Buffer and an empty list as TypeORM does', async () => {
    for (const [sql, params] of [
      ['SELECT id FROM t WHERE at IS :at OR id = 1', { at: null }],
      ['SELECT CAST(:b AS TEXT) AS b', { b: Buffer.from('x') }],
      ['SELECT id FROM t WHERE id IN (:...ids)', { ids: [] }],
    ] as const) {
      expect(await selectSql(ds.manager, sql, params)).toEqual(await selectSql(logged.manager, sql, params))
    }
  })

  it('leaves to TypeORM what its path handles differently (a list that is not an array)', async () => {
    const sql = 'SELECT id FROM t WHERE id IN (:...ids)'
    const reference = await selectSql(logged.manager, sql, { ids: '12' }).catch((e: Error) => e.message)
    expect(reference).toMatch(/map is not a function/)
    await expect(selectSql(ds.manager, sql, { ids: '12' })).rejects.toThrow(reference as string)
  })

  it('prepares each text once and answers a list of another length', async () => {
    expect(await selectSql(ds.manager, 'SELECT id FROM t WHERE id IN (:...ids) ORDER BY id', { ids: [1] })).toEqual([
      { id: 1 },
    ])
    expect(
      await selectSql(ds.manager, 'SELECT id FROM t WHERE id IN (:...ids) ORDER BY id', { ids: [1, 2, 3] }),
    ).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
  })

  it('fails as TypeORM fails', async () => {
    await expect(selectSql(ds.manager, 'SELECT nope FROM t WHERE id = :id', { id: 1 })).rejects.toBeInstanceOf(
      QueryFailedError,
    )
  })
})
