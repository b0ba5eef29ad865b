// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Under jest (NODE_ENV=test) the preset emits CommonJS.
//
// The WeChat build is compiled for config/weapp-targets.json (why: config/transpile-output.ts); the H5 build keeps
// package.json's browserslist and jest keeps `node: current`.
const weappTargets = require('./config/weapp-targets.json')

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: weappTargets } : {}),
      },
    ],
  ],
}
