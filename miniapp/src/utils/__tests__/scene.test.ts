import { taroApi } from '../../../test/mocks/taro'
import { entryScene, isSinglePageMode, launchScene } from '../scene'

describe('isSinglePageMode', () => {
  it('is true for scene 1154 (Moments) from either launch or enter options', () => {
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
    expect(isSinglePageMode()).toBe(true)
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1001 })
    taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1154 })
    expect(isSinglePageMode()).toBe(true)
  })

  it('is false for other scenes and when the API throws', () => {
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1001 })
    taroApi('getEnterOptionsSync').mockImplementation(() => {
      throw new Error('not supported')
    })
    expect(isSinglePageMode()).toBe(false)
  })
})

describe('launchScene and entryScene', () => {
  it('read the cold start and the latest entry (falling back to the cold start)', () => {
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1047 })
    taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1007 })
    expect(launchScene()).toBe(1047)
    expect(entryScene()).toBe(1007)
    taroApi('getEnterOptionsSync').mockImplementation(() => {
      throw new Error('not supported')
    })
    expect(entryScene()).toBe(1047)
  })

  it('are undefined when WeChat gives no scene', () => {
    taroApi('getLaunchOptionsSync').mockReturnValue({ path: 'pages/index/index' })
    expect(launchScene()).toBeUndefined()
    expect(entryScene()).toBeUndefined()
  })

  function inH5(test: () => void) {
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'h5'
    try {
      test()
    } finally {
      // process.env turns undefined into 'undefined'
      if (env === undefined) delete (process.env as Record<string, string | undefined>).TARO_ENV
      else process.env.TARO_ENV = env
    }
  }

  it('are undefined in H5, whatever scene the API answers', () =>
    inH5(() => {
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154, query: {} })
      taroApi('getEnterOptionsSync').mockReturnValue({ scene: 1154, query: {} })
      expect(launchScene()).toBeUndefined()
      expect(entryScene()).toBeUndefined()
      expect(isSinglePageMode()).toBe(false)
    }))

  it('preview single-page mode in H5 when the app was opened with ?scene=1154 (and no other scene)', () =>
    inH5(() => {
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 0, query: { id: '12', scene: '1154' } })
      taroApi('getEnterOptionsSync').mockReturnValue({ scene: 0, query: { id: '12', scene: '1154' } })
      expect(isSinglePageMode()).toBe(true)
      taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 0, query: { scene: '1047' } })
      taroApi('getEnterOptionsSync').mockReturnValue({ scene: 0, query: { scene: 'a2n9c' } })
      expect(isSinglePageMode()).toBe(false)
      expect(launchScene()).toBeUndefined()
    }))
})
