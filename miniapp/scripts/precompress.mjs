// Writes a brotli (.br) and a gzip (.gz) copy beside each text asset of the H5 build, where it is smaller; the
// server sends them to browsers that accept them (@fastify/static `preCompressed`), so nothing is compressed per
// request. Run after `taro build --type h5`: node scripts/precompress.mjs [dist/h5]
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../dist/h5'))
const TEXT = /\.(js|css|html|svg|json|txt)$/
let before = 0
let after = 0
for (const rel of fs.readdirSync(root, { recursive: true })) {
  const file = path.join(root, rel)
  if (!TEXT.test(file) || !fs.statSync(file).isFile()) continue
  const data = fs.readFileSync(file)
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  })
  const gz = zlib.gzipSync(data, { level: 9 })
  before += data.length
  after += Math.min(br.length, data.length)
  // A stale copy from an earlier build must not outlive its file's new content.
  for (const [ext, packed] of [
    ['.br', br],
    ['.gz', gz],
  ]) {
    if (packed.length < data.length) fs.writeFileSync(file + ext, packed)
    else fs.rmSync(file + ext, { force: true })
  }
}
console.log(
  `precompressed ${root}: ${Math.round(before / 1024)} KB of text assets, ${Math.round(after / 1024)} KB as brotli`,
)
