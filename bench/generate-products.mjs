#!/usr/bin/env node
// Writes synthetic sensor products as JSON Lines, the import format of docs/search.md, streaming to disk.
//   node bench/generate-products.mjs [count=1000000] [out=.tmp/bench/products.jsonl] [--suppliers N] [--seed N]
//   node bench/generate-products.mjs 360 server/demo/catalog.jsonl --demo   (the demo catalogue, 24 suppliers)
// Categories and parameter names come from the server's taxonomy (build the server first: pnpm -r build); models
// are unique per supplier; suppliers, categories and brands are drawn with Zipf-like skew, as in real catalogues.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { templates } from './catalog-templates.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server/package.json'))
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { suppliers: { type: 'string' }, seed: { type: 'string' }, demo: { type: 'boolean' } },
})
const count = Number(positionals[0] ?? 1_000_000)
const out = path.resolve(positionals[1] ?? path.join(root, '.tmp/bench/products.jsonl'))
const demo = Boolean(opts.demo)

// Deterministic pseudo-random numbers, so a seed gives the same file.
let state = Number(opts.seed ?? (demo ? 20261204 : 20261127)) >>> 0
const rand = () => (state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32
const pick = (list) => list[Math.floor(rand() * list.length)]
const zipf = (n, s = 2.2) => Math.min(n - 1, Math.floor(Math.pow(rand(), s) * n))
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))

const { flattenTaxonomy } = require(path.join(root, 'server/dist/catalog/taxonomy.js'))
const flat = flattenTaxonomy()
const leaves = flat.filter((c) => !flat.some((d) => d.parentPath === c.path)).map((c) => c.path)
const tops = flat.filter((c) => c.depth === 0).map((c) => c.path)
const T = templates(rand)
const missing = leaves.filter((leaf) => !T[leaf])
if (missing.length) throw new Error(`no template for ${missing.join(', ')}`)

const CITIES = [
  '深圳',
  '苏州',
  '上海',
  '西安',
  '南京',
  '杭州',
  '北京',
  '天津',
  '沈阳',
  '宁波',
  '无锡',
  '合肥',
  '广州',
  '东莞',
  '厦门',
  '成都',
  '武汉',
  '重庆',
  '青岛',
  '郑州',
  '长沙',
  '大连',
  '昆山',
  '常州',
  '佛山',
  '济南',
  '宝鸡',
  '蚌埠',
  '珠海',
  '中山',
]
const WORDS = [
  '精测',
  '华感',
  '恒远',
  '中测',
  '博锐',
  '安测',
  '微感',
  '宏达',
  '北仪',
  '凯特',
  '微芯',
  '星辰',
  '瑞森',
  '光远',
  '海测',
  '蜀感',
  '精控',
  '渝测',
  '海纳',
  '中原',
  '湘仪',
  '锐思',
  '力拓',
  '华力',
  '联测',
  '佳鑫',
  '泰科',
  '维达',
  '金诺',
  '天禹',
  '科仪',
  '众感',
  '明创',
  '远景',
  '汇川',
  '立信',
  '新航',
  '正泰',
  '永创',
  '盛达',
]
const TRADES = ['传感', '仪表', '测控', '自动化', '电子', '物联', '传感器', '仪器']
const FORMS = ['科技有限公司', '有限公司', '技术有限公司', '设备有限公司']
const SYLLABLES = [
  'jing',
  'hua',
  'heng',
  'zhong',
  'bo',
  'an',
  'wei',
  'hong',
  'kai',
  'xing',
  'rui',
  'guang',
  'hai',
  'shu',
  'na',
  'li',
  'tuo',
  'xin',
  'tai',
  'da',
  'jin',
  'nuo',
  'yu',
  'ke',
  'ming',
  'yuan',
  'chuang',
  'sen',
]
const APPLICATIONS = [
  '工业自动化',
  '暖通空调',
  '水处理',
  '石油化工',
  '工程机械',
  '新能源汽车',
  '储能系统',
  '智慧农业',
  '医疗设备',
  '环境监测',
  '食品制药',
  '冶金电力',
  '物流仓储',
  '轨道交通',
]
const uses = () => {
  const first = int(0, APPLICATIONS.length - 1)
  return `${APPLICATIONS[first]}、${APPLICATIONS[(first + int(1, APPLICATIONS.length - 1)) % APPLICATIONS.length]}`
}
const QUALIFIERS = ['', '', '', '工业级', '高稳定性', '经济型', '小型化', '长寿命', '耐腐蚀']

/** A few thousand suppliers for a million products (about 300 each on average, very unevenly). */
const supplierCount = Number(opts.suppliers ?? (demo ? 24 : Math.max(20, Math.min(3000, Math.round(count / 300)))))
const names = new Set()
const suppliers = Array.from({ length: supplierCount }, (_, i) => {
  let name
  let city
  for (let tries = 0; !name || names.has(name); tries++) {
    city = demo ? CITIES[i % CITIES.length] : pick(CITIES)
    const word = demo ? WORDS[i % WORDS.length] : pick(WORDS)
    name = `${city}${word}${pick(TRADES)}${pick(FORMS)}`
    if (tries > 20) name = `${city}${word}${i}${pick(FORMS)}`
  }
  names.add(name)
  const brandCount = 1 + zipf(3)
  const brands = Array.from({ length: brandCount }, () => {
    const latin = Array.from({ length: int(1, 2) }, () => pick(SYLLABLES))
      .join('')
      .toUpperCase()
    return rand() < 0.5 ? latin : name.slice(city.length, city.length + 2)
  })
  // Each supplier makes a few kinds of sensor; in the demo together they cover every top category.
  const specialties = demo
    ? [tops[i % tops.length], tops[(i + 5) % tops.length]]
    : Array.from({ length: int(1, 4) }, () => tops[zipf(tops.length, 1.6)])
  return {
    name,
    region: city,
    verified: rand() < 0.35,
    contact: `${pick(['销售部', '技术支持', '客服'])} 0${int(10, 999)}-${int(1000000, 89999999)}`,
    brands,
    specialties,
    models: new Set(),
  }
})
const leavesOf = (top) => leaves.filter((l) => l.startsWith(`${top}/`))
const leafOrder = [...leaves].sort(() => rand() - 0.5) // Zipf rank of each category

fs.mkdirSync(path.dirname(out), { recursive: true })
const stream = fs.createWriteStream(out)
const started = Date.now()
let buffer = ''
for (let n = 0; n < count; n++) {
  let supplier
  let leaf
  if (demo) {
    leaf = leaves[n % leaves.length]
    const top = leaf.split('/')[0]
    const makers = suppliers.filter((s) => s.specialties.includes(top))
    supplier = makers[n % makers.length]
  } else {
    supplier = suppliers[zipf(suppliers.length, 2.6)]
    leaf = rand() < 0.8 ? pick(leavesOf(pick(supplier.specialties))) : leafOrder[zipf(leafOrder.length, 1.8)]
  }
  const [prefixes, productNames, [lo, hi], make] = T[leaf]
  const made = make()
  const params = made.params ?? made
  let model =
    made.model ??
    `${pick(prefixes)}${pick(['', '-'])}${int(1, 99) * 10 + pick([0, 1, 3, 5])}${pick(['', 'A', 'B', 'S', 'T', 'X'])}`
  if (supplier.models.has(model)) model = `${model}-${(supplier.models.size + 36).toString(36).toUpperCase()}`
  supplier.models.add(model)

  const price = Math.round(lo * Math.pow(hi / lo, rand()) * 100) / 100
  const priced = rand() > 0.06
  const breaks = !priced
    ? []
    : [1, 10, 100, 1000]
        .slice(0, int(1, 4))
        .map((qty, i) => ({ qty, price: Math.max(0.01, Math.round(price * [1, 0.93, 0.86, 0.79][i] * 100) / 100) }))
  const stock = rand() < 0.18 ? 0 : Math.round(Math.pow(rand(), 3) * 5000) + 1
  const name = `${pick(QUALIFIERS)}${pick(productNames)}`
  const shown = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .slice(0, 3)
    .map(([k, v]) => `${k}${String(v).replace(/\|/g, '/')}`)
  const record = {
    supplier: supplier.name,
    supplierRegion: supplier.region,
    supplierVerified: supplier.verified,
    supplierContact: supplier.contact,
    model,
    name,
    brand: supplier.brands[zipf(supplier.brands.length)],
    category: leaf,
    params,
    priceBreaks: breaks,
    moq: price < 20 ? pick([10, 50, 100]) : price < 100 ? pick([1, 5]) : 1,
    stock,
    leadTimeDays: stock > 0 ? int(1, 3) : pick([7, 15, 30, 45]),
    description: `${name}，${shown.join('，')}。适用于${uses()}等场合。`,
    datasheetUrl:
      rand() < 0.6 ? `https://files.chuangan.example/datasheets/${model.replace(/[^A-Za-z0-9-]/g, '')}.pdf` : undefined,
    images: demo ? [] : [`https://img.chuangan.example/products/${leaves.indexOf(leaf)}-${n % 6}.jpg`],
  }
  buffer += `${JSON.stringify(record)}\n`
  if (buffer.length > 1 << 20) {
    if (!stream.write(buffer)) await new Promise((resolve) => stream.once('drain', resolve))
    buffer = ''
  }
}
stream.end(buffer)
await new Promise((resolve) => stream.on('finish', resolve))
const seconds = (Date.now() - started) / 1000
const size = fs.statSync(out).size
console.log(
  `${count} products from ${suppliers.length} suppliers in ${leaves.length} categories → ${path.relative(process.cwd(), out)} ` +
    `(${(size / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s)`,
)
