#!/usr/bin/env node
// Bundles the compiled server (dist/main.js, as tsc wrote it) into one file, dist/main.bundle.js: Node then reads one
// file at start instead of resolving and compiling ~1,300 modules (about a third of the start time). dist/main.js is
// then written from scripts/main-loader.cjs: it runs the bundle through V8's code cache (another third).
// Everything else tsc wrote stays as it is: the CLI (dist/cli.js), the data source the migration commands read
// (dist/database/data-source.js) and the worker threads (dist/search/index-worker.js, …) run unbundled.
// Usage: node scripts/bundle.mjs (run by `build` after tsc).
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tokenizer } from 'acorn'
import { build } from 'esbuild'

const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(server, 'dist')
const entry = path.join(dist, 'main.js')
const out = path.join(dist, 'main.bundle.js')
const loader = path.join(server, 'scripts/main-loader.cjs')

// Left to Node: native addons (and their binaries), the fonts and dictionaries packages read beside themselves,
// and the optional peers Nest and pino probe for but this server does not install.
const external = [
  'better-sqlite3',
  '@napi-rs/canvas',
  '@napi-rs/image',
  '@node-rs/jieba',
  'koffi',
  '@fontsource/noto-sans-sc',
  'pg-native',
  'pino-pretty',
  'class-validator',
  'class-transformer',
  '@fastify/view',
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  '@nestjs/platform-express',
]

/**
 * Every bundled file keeps its own `__dirname`, `__filename` and `import.meta.url`, as paths relative to the bundle:
 * our files find the web root, the demo folder and their workers by them; packages find files they ship (pino's
 * transport worker, for one). The bundle and node_modules move together, so relative paths stay true.
 */
const ownPaths = {
  name: 'own-paths',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8')
      if (!/__dirname|__filename|import\.meta\.url/.test(source)) return undefined
      const rel = path.relative(dist, path.dirname(args.path)).split(path.sep).join('/')
      const dir = `require('node:path').join(__dirname, ${JSON.stringify(rel)})`
      const file = `require('node:path').join(${dir}, ${JSON.stringify(path.basename(args.path))})`
      return {
        contents: source
          .replace(/\b__dirname\b/g, dir)
          .replace(/\b__filename\b/g, file)
          .replace(/\bimport\.meta\.url\b/g, `require('node:url').pathToFileURL(${file}).href`),
        loader: 'js',
      }
    })
  },
}

/**
 * @nestjs/typeorm reads two optional exports through `createRequire(import.meta.url)('typeorm')`, which a bundle
 * cannot follow: typeorm would be loaded a second time from node_modules. A plain require is bundled.
 */
const typeormCompat = {
  name: 'typeorm-compat',
  setup(b) {
    b.onLoad({ filter: /@nestjs[\\/]typeorm[\\/]dist[\\/]common[\\/]typeorm-compat\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8')
      const contents = source
        .replace("import { createRequire } from 'node:module';", '')
        .replace('const require = createRequire(import.meta.url);', '')
      if (contents === source) throw new Error(`${args.path} changed: update scripts/bundle.mjs`)
      return { contents, loader: 'js' }
    })
  },
}

/**
 * Native addons only some requests need (posters, QR codes, image variants: Skia, ≈0.15 s to load; libimagequant)
 * are loaded on their first use:
 * the bundle's `require('@napi-rs/canvas')` returns a stand-in whose properties load the real module when read.
 * Compiled TypeScript reads imported names at call time (`canvas_1.loadImage(…)`), so nothing loads before then.
 */
const LAZY = ['@napi-rs/canvas', '@napi-rs/image']
const lazyNative = {
  name: 'lazy-native',
  setup(b) {
    const filter = new RegExp(`^(${LAZY.map((m) => m.replace(/[/\\-]/g, '\\$&')).join('|')})$`)
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-native'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-native' },
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy-native' }, (args) => ({
      contents: `let real
const load = () => (real ??= require(${JSON.stringify(args.path)}))
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key)
    return d && { ...d, configurable: true }
  },
})
`,
      loader: 'js',
    }))
  },
}

if (fs.readFileSync(entry, 'utf8').startsWith('// bundled by scripts/bundle.mjs')) {
  console.error(`${entry} is already a bundle: run tsc first (npm run build does both)`)
  process.exit(1)
}

await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external,
  // typeormCompat first: the first plugin whose onLoad answers for a file wins.
  plugins: [typeormCompat, ownPaths, lazyNative],
  // Marks the output (scripts/bundle.mjs refuses to bundle a bundle).
  banner: { js: '// bundled by scripts/bundle.mjs' },
  // Whitespace and syntax only: Nest injects by class names, which must stay as they are.
  // Bundling renames clashing top-level names (two `Foo` classes become Foo and Foo2): keep each class's own name,
  // which TypeORM (entity names), Nest (logger contexts) and the error filter read.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
})
/**
 * The bundle in ASCII only. esbuild escapes non-ASCII characters in strings and templates but leaves them in regular
 * expression literals and String.raw templates (`/[:：]/`, String.raw`[℃℉]`), and one character above U+00FF
 * makes V8 hold the whole ≈ 7 MB source as a two-byte string (≈ 14 MB) for the life of the process (it keeps the
 * source to compile functions lazily). In a regular expression `\uXXXX` means the same character (surrogate
 * pairs included, with or without the `u` flag); in a String.raw template, whose text is taken raw, the character
 * goes in as `${"\uXXXX"}`, which inserts it unchanged.
 */
function toAscii(source) {
  const nonAscii = /[\u0080-\uffff]/
  const escape = (text) =>
    text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const edits = []
  // Per open template literal (they nest through `${…}`): whether it is String.raw's.
  const templates = []
  let before = [] // the last three tokens' text
  let previous = null
  for (const token of tokenizer(source, { ecmaVersion: 'latest', allowHashBang: true })) {
    const label = token.type.label
    const text = source.slice(token.start, token.end)
    if (label === '`') {
      if (previous === 'template') templates.pop()
      else templates.push(before.join('') === 'String.raw')
    } else if (nonAscii.test(text)) {
      if (label === 'regexp') {
        if (/\\[\u0080-\uffff]/.test(text)) throw new Error(`escaped non-ASCII character in ${text.slice(0, 80)}`)
        edits.push([token.start, token.end, escape(text)])
      } else if (label === 'template' && templates.at(-1)) {
        edits.push([token.start, token.end, text.replace(/[\u0080-\uffff]+/g, (run) => `\${"${escape(run)}"}`)])
      } else if (label === 'template' || label === 'string' || label === 'name') {
        edits.push([token.start, token.end, escape(text)])
      } else throw new Error(`non-ASCII ${label} token: ${text.slice(0, 80)}`)
    }
    before = [...before, text].slice(-3)
    previous = label
  }
  let result = ''
  let at = 0
  for (const [start, end, replacement] of edits) {
    result += source.slice(at, start) + replacement
    at = end
  }
  return result + source.slice(at)
}

/**
 * keepNames wraps every function esbuild can name in `__name(fn, "name")`, which redefines `name` with
 * Object.defineProperty each time the function is created: closures made per request paid it on every request
 * (5 % of a cached API answer's CPU in a profile). Almost always the function already has that name (only a clash
 * renames one), so the helper now looks first and redefines only when the name differs.
 */
function cheapNames(source) {
  const helper = 'var __name=(target,value)=>__defProp(target,"name",{value,configurable:!0});'
  const parts = source.split(helper)
  if (parts.length !== 2)
    throw new Error(`esbuild's __name helper changed (${parts.length - 1} found): update scripts/bundle.mjs`)
  return parts.join(
    'var __name=(target,value)=>target.name===value?target:__defProp(target,"name",{value,configurable:!0});',
  )
}

fs.writeFileSync(out, toAscii(cheapNames(fs.readFileSync(out, 'utf8'))))
fs.rmSync(entry)
const hash = crypto.createHash('sha256').update(fs.readFileSync(out)).digest('hex').slice(0, 16)
const loaderSource = fs.readFileSync(loader, 'utf8')
if (!loaderSource.includes("'__BUNDLE_HASH__'")) throw new Error(`${loader} lost its __BUNDLE_HASH__ placeholder`)
fs.writeFileSync(entry, loaderSource.replace("'__BUNDLE_HASH__'", JSON.stringify(hash)))
fs.rmSync(`${entry}.map`, { force: true })
