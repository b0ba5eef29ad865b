import fs from 'node:fs'
import path from 'node:path'

/**
 * The floors of server/src (docs/architecture.md, "Floors"). A folder may import its own files and folders on a
 * lower floor, never a folder on its own floor or above: features depend on each other in one direction only, and
 * the ground floor knows no feature. The files at the root of src (the app module, main, the CLI) are the roof and
 * may import anything. The one exception: database/entities.ts lists every entity for TypeORM's migration tooling.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['types', 'config', 'common', 'infra', 'database', 'wechat'], // ground: no feature imports
  ['users', 'storage', 'moderation', 'health', 'docs', 'web'],
  ['auth'],
  ['rate-limit', 'ads'],
  ['content', 'catalog'],
  ['favorites', 'search', 'follows', 'messages', 'mentions'],
  ['engagement', 'notices', 'delivery'],
  ['comments', 'editor', 'inquiries', 'demands', 'saved-searches'],
  ['share', 'poster'],
  ['account', 'demo'], // cross-feature work: profile and deletion, the demo site
]
const ENTITY_LIST = 'database/entities.ts'

const src = path.resolve(__dirname, '../src')
const floorOf = new Map(FLOORS.flatMap((folders, floor) => folders.map((f) => [f, floor] as const)))

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : []
  })
}

/** Every relative import of a file, as the top-level folder of src it lands in ('' for a root file). */
function importedFolders(file: string): Array<{ folder: string; spec: string }> {
  const text = fs.readFileSync(file, 'utf8')
  const found: Array<{ folder: string; spec: string }> = []
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = path.relative(src, path.resolve(path.dirname(file), match[1]))
    found.push({ folder: target.includes(path.sep) ? target.split(path.sep)[0] : '', spec: match[1] })
  }
  return found
}

interface SourceFile {
  rel: string
  imports: Array<{ folder: string; spec: string }>
}

/** The imports that break the floors. */
function violations(files: SourceFile[]): string[] {
  const wrong: string[] = []
  for (const { rel, imports } of files) {
    const folder = rel.includes('/') ? rel.split('/')[0] : ''
    if (folder === '' || rel === ENTITY_LIST) continue // the roof, and the entity list
    const floor = floorOf.get(folder)
    if (floor === undefined) {
      wrong.push(`${rel}: folder ${folder} is on no floor`)
      continue
    }
    for (const { folder: target, spec } of imports) {
      if (target === folder) continue
      const targetFloor = target === '' ? undefined : floorOf.get(target)
      const allowed =
        targetFloor !== undefined &&
        (floor === 0 && targetFloor === 0
          ? FLOORS[0].indexOf(target) < FLOORS[0].indexOf(folder) // the ground floor, in its own order
          : targetFloor < floor)
      if (!allowed) wrong.push(`${rel} imports ${spec}`)
    }
  }
  return wrong
}

describe('floors of server/src', () => {
  const files: SourceFile[] = sourceFiles(src).map((full) => ({
    rel: path.relative(src, full).split(path.sep).join('/'),
    imports: importedFolders(full),
  }))

  it('places every folder of src on a floor', () => {
    const folders = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
    expect(folders.filter((f) => !floorOf.has(f))).toEqual([])
  })

  it('imports only downward: the ground floor knows no feature, features depend in one direction', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(violations(files)).toEqual([])
  })

  it('refuses an upward, a sideways and a ground-to-feature import', () => {
    const file = (rel: string, folder: string) => ({ rel, imports: [{ folder, spec: `../${folder}/x` }] })
    expect(
      violations([
        file('users/a.ts', 'comments'), // upward
        file('comments/a.ts', 'editor'), // same floor
        file('common/a.ts', 'users'), // ground → feature
        file('infra/a.ts', 'database'), // ground, against its order
        file('comments/b.ts', 'users'), // fine
        file('app.module.ts', 'demo'), // the roof: fine
      ]),
    ).toEqual([
      'users/a.ts imports ../comments/x',
      'comments/a.ts imports ../editor/x',
      'common/a.ts imports ../users/x',
      'infra/a.ts imports ../database/x',
    ])
  })
})

describe('native libraries loaded on first use (start time: docs/architecture.md)', () => {
  // Requiring Skia takes ≈ 0.13 s and maps ≈ 30 MB; a start that draws nothing must not pay it.
  const LAZY = ['@napi-rs/canvas', '@napi-rs/image']
  const valueImport = (source: string, lib: string) =>
    new RegExp(`^import (?!type )[^']*from '${lib.replace('/', '\\/')}'`, 'm').test(source)

  it('imports Skia and the PNG quantiser only as types outside common/canvas.ts', () => {
    const offenders = sourceFiles(src)
      .filter((full) => !full.endsWith('.spec.ts'))
      .flatMap((full) => {
        const source = fs.readFileSync(full, 'utf8')
        return LAZY.filter((lib) => valueImport(source, lib)).map((lib) => `${path.relative(src, full)}: ${lib}`)
      })
    expect(offenders).toEqual([])
  })

  it('tells a value import from a type import', () => {
    expect(valueImport("import { createCanvas } from '@napi-rs/canvas'\n", '@napi-rs/canvas')).toBe(true)
    expect(valueImport("import type { Canvas } from '@napi-rs/canvas'\n", '@napi-rs/canvas')).toBe(false)
    expect(
      valueImport("import { a } from 'x'\nimport type { Image } from '@napi-rs/canvas'\n", '@napi-rs/canvas'),
    ).toBe(false)
    expect(valueImport("import {\n  createCanvas,\n  loadImage,\n} from '@napi-rs/canvas'\n", '@napi-rs/canvas')).toBe(
      true,
    )
  })
})
