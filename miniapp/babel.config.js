// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Under jest (NODE_ENV=test) the preset emits CommonJS.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
