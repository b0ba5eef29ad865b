import { transformSync } from '@swc/core'
import type { Compiler } from 'webpack'

const NAME = 'TranspileOutputPlugin'

/**
 * Compiles every emitted .js file for the given engines, whatever module it came from.
 *
 * With WeChat's ES6→ES5 switch off (project.config.json), the phone's own engine parses what we ship. On iOS that
 * is the system's JavaScriptCore: base library 2.15+ needs WeChat 7.0.20+, which runs on iOS 10 and later; Android
 * runs WeChat's own V8. Hence weapp-targets.json: iOS 10, Chrome 57 — no `?.`, `??`, object spread or `catch {}`.
 *
 * babel (babel.config.js, same targets) compiles our code and @chuangan/shared, but webpack takes node_modules as
 * published: one dependency shipping newer syntax would reach the phone untouched. This pass runs at webpack's
 * "optimize compatibility" stage, after the chunks are assembled and before terser minifies them, so it also
 * covers webpack's own runtime. swc inlines the few helpers it needs (about a second for the whole build).
 * scripts/weapp-check.mjs then parses every output file as ES2017.
 */
export class TranspileOutputPlugin {
  constructor(private readonly targets: Record<string, string>) {}

  apply(compiler: Compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        (assets) => {
          for (const file of Object.keys(assets)) {
            const asset = file.endsWith('.js') ? compilation.getAsset(file) : undefined
            if (!asset) continue
            const { source, map } = asset.source.sourceAndMap()
            try {
              const out = transformSync(source.toString(), {
                filename: file,
                swcrc: false,
                configFile: false,
                isModule: false,
                jsc: { parser: { syntax: 'ecmascript' }, externalHelpers: false },
                env: { targets: this.targets },
                sourceMaps: Boolean(map),
                inputSourceMap: map ? JSON.stringify(map) : undefined,
              })
              compilation.updateAsset(
                file,
                map && out.map ? new sources.SourceMapSource(out.code, file, out.map) : new sources.RawSource(out.code),
              )
            } catch (error) {
              compilation.errors.push(new WebpackError(`${NAME}: cannot compile ${file}: ${error}`))
            }
          }
        },
      )
    })
  }
}
