// bundled by scripts/bundle.mjs — the server's entry point (dist/main.js), written from scripts/main-loader.cjs.
// It runs the bundle (dist/main.bundle.js) through V8's code cache: compiling the 7 MB bundle and the functions the
// start runs is about a third of the time from spawn to the first answer. The first start of a build compiles as
// usual and, once it listens, writes the compiled code to dist/.v8-cache/; later starts hand it to V8, which
// checks it against its version and flags (a rejected cache is written anew). The file is named by the bundle's
// hash (set by the build), Node's version and the process's flags (V8 refuses a cache made under other flags), so
// it never answers for other code and starts with and without flags don't overwrite each other's.
// CODE_CACHE=0 turns it off; an unwritable dist/ only means no cache.
'use strict'
const fs = require('node:fs')
const Module = require('node:module')
const path = require('node:path')
const vm = require('node:vm')

const BUNDLE_HASH = '__BUNDLE_HASH__'

const file = path.join(__dirname, 'main.bundle.js')
const enabled = process.env.CODE_CACHE !== '0'
const flags = require('node:crypto').createHash('sha1').update(process.execArgv.join('\0')).digest('hex').slice(0, 8)
const cacheFile = path.join(__dirname, '.v8-cache', `main.${BUNDLE_HASH}.${process.version}.${flags}.bin`)

function readCache() {
  if (!enabled) return undefined
  try {
    return fs.readFileSync(cacheFile)
  } catch {
    return undefined // no cache yet: this start writes it
  }
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), {
  filename: file,
  cachedData: readCache(),
  // import() inside the bundle resolves as it would in dist/main.js: this file sits beside the bundle.
  importModuleDynamically: (specifier) => import(specifier),
})
// undefined when no cache was given, true when V8 refused it (the buffer is not kept either way)
const stale = script.cachedDataRejected !== false

// Written once the server listens (src/main.ts emits the event): by then V8 has compiled what a start runs. It costs
// the first start of a build a few tens of milliseconds; a server killed before it listens writes nothing.
if (enabled && stale) {
  process.once('chuangan:listening', () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true })
      fs.writeFileSync(tmp, script.createCachedData())
      fs.renameSync(tmp, cacheFile)
    } catch {
      fs.rmSync(tmp, { force: true })
    }
  })
}

const bundle = new Module(file, module)
bundle.filename = file
bundle.paths = Module._nodeModulePaths(__dirname)
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, __dirname)
bundle.loaded = true
