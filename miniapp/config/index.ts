import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { TranspileOutputPlugin } from './transpile-output'
import weappTargets from './weapp-targets.json'

// @chuangan/shared is consumed from its TypeScript source (its package main points at a CommonJS build):
// webpack gets an alias to the source, and babel must be told to compile that folder (compile.include),
// or `export interface` fails to parse.
const sharedSrc = path.resolve(__dirname, '../../shared/src')
const sharedAlias = {
  '@chuangan/shared$': path.join(sharedSrc, 'index.ts'),
  // zod-free subset (method + path of each route) for run-time use in the app
  '@chuangan/shared/paths$': path.join(sharedSrc, 'paths.ts'),
  // zod-free share paths, poster scenes and share arrivals
  '@chuangan/shared/share$': path.join(sharedSrc, 'share.ts'),
  // zod-free lengths, sizes and counts, to check input before asking
  '@chuangan/shared/limits$': path.join(sharedSrc, 'limits.ts'),
  // zod-free declared errors (codes, statuses, messages) to branch on
  '@chuangan/shared/errors$': path.join(sharedSrc, 'errors/index.ts'),
  // zod-free units (base units of each dimension, conversions) for the product page
  '@chuangan/shared/units$': path.join(sharedSrc, 'units.ts'),
}
const srcAlias = { '@': path.resolve(__dirname, '../src') }

// H5 is served by our server under the same origin; the mini-program needs an absolute base.
const apiBase = process.env.TARO_ENV === 'h5' ? '/api' : process.env.TARO_APP_API_BASE || 'http://localhost:3000/api'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'chuangan-miniapp',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: { API_BASE: JSON.stringify(apiBase) },
    alias: srcAlias,
    copy: {
      // lets WeChat DevTools import dist/weapp directly, as well as miniapp/
      patterns:
        process.env.TARO_ENV === 'weapp' ? [{ from: 'project.dist.json', to: 'dist/weapp/project.config.json' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
      webpackChain(chain) {
        chain.resolve.alias.merge(sharedAlias)
        // The phone parses what we ship: node_modules too are compiled for the oldest engine (see the plugin).
        chain.plugin('transpile-output').use(TranspileOutputPlugin, [weappTargets])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
      webpackChain(chain) {
        chain.resolve.alias.merge(sharedAlias)
        // React + Taro runtime alone is ~290 KiB minified; silence webpack's 244 KiB hint
        chain.performance.hints(false)
        // Taro splits initial chunks only, so every lazily loaded page would carry its own copy of the
        // H5 components (~55 KB each); share what two or more pages use. Not in pieces under 20 KB (Taro's
        // minSize is 0): a page then waited for ~20 files of 1–9 KB, six at a time over HTTP/1.1, before it
        // could render; a small shared module is cheaper copied into each page's chunk.
        const splitChunks = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            pages: { chunks: 'async', minChunks: 2, minSize: 20000, priority: 5, reuseExistingChunk: true },
          },
        })
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
