import type { UserConfigExport } from '@tarojs/cli'

export default {
  // Minified production builds. JS: terser (for the mini-program with Taro's defaults: ES5 output rules,
  // conservative compression); CSS/WXSS: cssnano (Taro calls the option `csso`). WeChat's WXML is minified by
  // WeChat's compiler (project.config.json `minifyWXML`): Taro's `mini.minifyXML` runs html-minifier, which drops
  // `</input>` as if it were HTML, and WeChat's compiler then rejects base.wxml ("unexpected end tag: template").
  // scripts/weapp-check.mjs measures all three against WeChat's own minifiers.
  terser: { enable: true },
  csso: { enable: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
