#!/usr/bin/env node
// Checks the WeChat build the way WeChat will see it, offline, and exits 1 on any failure:
//  1. syntax: every .js file parses as ES2017 (acorn, script) and every .wxs file as ES5: with WeChat's ES6→ES5
//     switch off, the phone's own engine parses them (see miniapp/config/transpile-output.ts);
//  2. WeChat's compiler (miniprogram-ci getCompiledResult, with project.config.json's settings) builds the package
//     without an error, and its minifiers find next to nothing left to shrink in our JS and WXSS: the build really
//     is minified;
//  3. WeChat's code-quality check (checkCodeQuality): every item passes;
//  4. sizes of the main package and each subpackage; the main package must stay under WEAPP_MAIN_LIMIT_BYTES
//     (default 1.5 MB, the quality check's own bar; WeChat refuses uploads over 2 MB).
// Usage: node scripts/weapp-check.mjs [miniapp/dist/weapp]
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.resolve(process.argv[2] ?? path.join(root, 'miniapp/dist/weapp'))
const mainLimit = Number(process.env.WEAPP_MAIN_LIMIT_BYTES ?? 1.5 * 1024 * 1024)
// Largest share of our JS or WXSS that WeChat's minifiers may still remove before we call the build unminified
// (they differ from ours in details such as terser's options; without minification they remove 74 % of the JS and
// 23 % of the WXSS). WXML is left to WeChat's compiler (see miniapp/config/prod.ts): its share is only shown.
const MINIFIED_SLACK = 0.05
// The tools are the mini-program's devDependencies.
const requireTool = createRequire(path.join(root, 'miniapp/package.json'))
const acorn = requireTool('acorn')

const started = Date.now()
const failures = []
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`
const heading = (title) => console.log(`\n— ${title}`)
function fail(message) {
  failures.push(message)
  console.log(`  ✖ ${message}`)
}

if (!fs.existsSync(path.join(dist, 'app.json'))) {
  console.error(`✖ ${dist} holds no WeChat build (no app.json): run pnpm --filter @chuangan/miniapp build:weapp`)
  process.exit(1)
}
const files = []
;(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(file)
    else files.push(path.relative(dist, file).split(path.sep).join('/'))
  }
})(dist)
const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
const packageOf = (file) => roots.find((r) => file.startsWith(`${r}/`)) ?? 'main'

// 1. Syntax
heading('Syntax: .js as ES2017, .wxs as ES5 (acorn)')
const syntaxStarted = Date.now()
function parseError(code, ecmaVersion) {
  try {
    acorn.parse(code, { ecmaVersion, sourceType: 'script', locations: true })
    return null
  } catch (error) {
    return error
  }
}
// The parser itself must refuse what older engines refuse, or this step proves nothing.
for (const probe of ['a?.b', 'a ?? b', 'try {} catch {}', 'x = { ...y }'])
  if (!parseError(probe, 2017)) throw new Error(`acorn accepted ${probe} as ES2017`)
let parsed = 0
for (const file of files) {
  const ecmaVersion = file.endsWith('.js') ? 2017 : file.endsWith('.wxs') ? 5 : null
  if (!ecmaVersion) continue
  parsed++
  const code = fs.readFileSync(path.join(dist, file), 'utf8')
  const error = parseError(code, ecmaVersion)
  if (error) {
    const around = code.slice(Math.max(0, error.pos - 40), error.pos + 40).replace(/\s+/g, ' ')
    fail(
      `${file}:${error.loc?.line}:${(error.loc?.column ?? 0) + 1} is not ES${ecmaVersion === 5 ? 5 : 2017}: ${error.message} — …${around}…`,
    )
  }
}
if (!failures.length) console.log(`  ✔ ${parsed} files parse (${seconds(syntaxStarted)})`)

// 2 and 3. WeChat's own tools. miniprogram-ci talks a lot and tries two servers: it is given the project's
// attributes (the defaults it falls back to itself) instead of fetching them with a signed request, which needs a
// registered AppID and key, and its request for the list of allowed file types fails fast offline and falls back to
// the built-in list. Its output is shown only when something fails.
const projectConfig = JSON.parse(fs.readFileSync(path.join(dist, 'project.config.json'), 'utf8'))
const captured = []
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug']
const realConsole = Object.fromEntries(consoleMethods.map((m) => [m, console[m]]))
const capture = () =>
  consoleMethods.forEach((m) => (console[m] = (...args) => captured.push(args.map(String).join(' '))))
const release = () => Object.assign(console, realConsole)
const showCaptured = () => captured.splice(0).forEach((line) => console.log(`    | ${line}`))

capture()
const ci = requireTool('miniprogram-ci')
const project = new ci.Project({
  appid: projectConfig.appid,
  type: 'miniProgram',
  projectPath: dist,
  privateKey: 'offline: no signed request is made',
  attr: async () => ci.DefaultProjectAttr,
})
release()

heading(`WeChat's compiler (miniprogram-ci ${requireTool('miniprogram-ci/package.json').version} getCompiledResult)`)
const compileStarted = Date.now()
const setting = projectConfig.setting ?? {}
console.log(
  `  settings from project.config.json: minified ${setting.minified}, minifyWXML ${setting.minifyWXML}, ` +
    `minifyWXSS ${setting.minifyWXSS}, es6 ${setting.es6}, enhance ${setting.enhance}`,
)
let compiled = null
capture()
try {
  // WXSS minification is the one setting not run inside the compiler: miniprogram-ci starts its workers with
  // isDevtools="false" (a truthy string), so they install WeChat DevTools' module resolver, which does not follow
  // pnpm's symlinks and loads the wrong css-tree for cssnano (error 10037). The same cssnano step runs below, in
  // this process. DevTools and uploads from DevTools use their own bundled modules and are not affected.
  compiled = await ci.getCompiledResult({ project, setting: { useProjectConfig: true, minifyWXSS: false } })
  release()
  console.log(`  ✔ compiled ${Object.keys(compiled).length} files without an error (${seconds(compileStarted)})`)
} catch (error) {
  release()
  showCaptured()
  fail(`WeChat's compiler failed: ${error?.code ?? ''} ${error?.path ?? ''} ${error?.message ?? error}`)
}
captured.length = 0

if (compiled) {
  // What WeChat's minifiers still remove from our output, per file type.
  const compileWXSS = requireTool('miniprogram-ci/dist/modules/corecompiler/original/workerThread/task/compilewxss.js')
  const totals = { js: [0, 0], wxml: [0, 0], wxss: [0, 0] }
  for (const file of files) {
    const type = path.extname(file).slice(1)
    if (!totals[type]) continue
    const ours = fs.readFileSync(path.join(dist, file))
    let theirs
    if (type === 'wxss') {
      const result = await compileWXSS({ code: ours, filePath: file, setting: { minifyWXSS: true } })
      if (result.error) {
        fail(`WeChat's WXSS minifier failed on ${file}: ${result.error.message}`)
        continue
      }
      theirs = Buffer.byteLength(result.code)
    } else {
      if (!(file in compiled)) continue
      theirs = Buffer.byteLength(compiled[file])
    }
    totals[type][0] += ours.length
    totals[type][1] += theirs
  }
  // JS and WXML come back minified only when project.config.json asks for it (the quality check wants it asked).
  const measured = { js: setting.minified, wxml: setting.minifyWXML, wxss: true }
  for (const [type, [ours, theirs]] of Object.entries(totals)) {
    if (!measured[type]) {
      console.log(`  · ${type.toUpperCase()}: not measured, project.config.json does not turn WeChat's minifier on`)
      continue
    }
    const saved = ours ? (ours - theirs) / ours : 0
    const line = `${type.toUpperCase()}: ours ${kb(ours)}, after WeChat's minifier ${kb(theirs)} (${(saved * 100).toFixed(1)} % smaller)`
    if (type === 'wxml') console.log(`  · ${line}: WeChat's compiler minifies WXML (minifyWXML)`)
    else if (saved > MINIFIED_SLACK) fail(`${line}: our build is not minified`)
    else console.log(`  ✔ ${line}`)
  }
}

heading("WeChat's code-quality check (checkCodeQuality)")
const qualityStarted = Date.now()
capture()
let quality = []
try {
  quality = await ci.checkCodeQuality(project)
  release()
} catch (error) {
  release()
  showCaptured()
  fail(`the quality check could not run: ${error?.message ?? error}`)
}
for (const item of quality) {
  let detail = ''
  if (item.name === 'PACKAGE_SIZE_LIMIT' && item.detail)
    detail = ` (${Object.entries(item.detail)
      .map(([name, size]) => `${name === '__APP__' ? 'main' : name.replace(/\/$/, '')} ${kb(size)}`)
      .join(', ')})`
  else if (Array.isArray(item.detail) && item.detail.length) detail = `: ${item.detail.join(', ')}`
  else if (item.detail?.files?.length) detail = `: ${item.detail.files.join(', ')}`
  // `text` describes the problem the item looks for ("JS compression is not turned on"): shown when it fails.
  if (item.success) console.log(`  ✔ ${item.name}${detail}`)
  else fail(`${item.name}: ${item.text}${detail}`)
}
if (quality.length)
  console.log(
    `  ${quality.filter((i) => i.success).length} of ${quality.length} items pass (${seconds(qualityStarted)})`,
  )

// 4. Sizes: what is uploaded (the compiler's output) and what is in dist.
heading('Sizes')
const sizes = (list, sizeOf) => {
  const out = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const file of list) out[packageOf(file)] += sizeOf(file)
  return out
}
const distSizes = sizes(files, (f) => fs.statSync(path.join(dist, f)).size)
const uploadSizes = compiled ? sizes(Object.keys(compiled), (f) => Buffer.byteLength(compiled[f])) : null
for (const name of Object.keys(distSizes)) {
  const label = name === 'main' ? 'main package' : `subpackage ${name}`
  console.log(
    `  ${label}: ${kb(distSizes[name])} in dist${uploadSizes ? `, ${kb(uploadSizes[name])} as compiled by WeChat` : ''}`,
  )
}
const total = Object.values(distSizes).reduce((a, b) => a + b, 0)
console.log(`  total: ${kb(total)} (main package limit ${kb(mainLimit)})`)
if (distSizes.main > mainLimit) fail(`the main package is ${kb(distSizes.main)}, over the ${kb(mainLimit)} limit`)

console.log(
  failures.length
    ? `\n✖ WeChat build check failed: ${failures.length} problem(s) (${seconds(started)})`
    : `\n✔ WeChat build check passed (${seconds(started)})`,
)
// miniprogram-ci leaves a file watcher and its compiler process running.
process.exit(failures.length ? 1 : 0)
