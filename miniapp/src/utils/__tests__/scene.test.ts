import { taroApi } from '../../../test/mocks/taro'
import { isSinglePageMode } from '../scene'

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
