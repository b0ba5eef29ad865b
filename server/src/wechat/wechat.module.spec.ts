import { Test } from '@nestjs/testing'
import { EmbeddedWechatEmulator } from './embedded-emulator'
import { WechatClient } from './wechat.client'
import { WechatModule } from './wechat.module'
import { EMULATOR_APPID, EMULATOR_SECRET, wechatOptionsFrom } from './wechat.options'

describe('wechatOptionsFrom', () => {
  it('uses real WeChat when both credentials are set', () => {
    expect(wechatOptionsFrom({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' })).toEqual({
      kind: 'remote',
      options: { baseUrl: 'https://api.weixin.qq.com', appid: 'wx1', secret: 's' },
    })
    expect(
      wechatOptionsFrom({ WECHAT_API_BASE: 'http://proxy:8080', WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' }),
    ).toMatchObject({ options: { baseUrl: 'http://proxy:8080' } })
  })

  it('uses an external emulator with its credentials when only the base is set', () => {
    expect(wechatOptionsFrom({ WECHAT_API_BASE: 'http://127.0.0.1:3901' })).toEqual({
      kind: 'remote',
      options: { baseUrl: 'http://127.0.0.1:3901', appid: EMULATOR_APPID, secret: EMULATOR_SECRET },
    })
  })

  it('embeds an emulator when nothing is set, and refuses half the credentials', () => {
    expect(wechatOptionsFrom({}).kind).toBe('embedded')
    expect(() => wechatOptionsFrom({ WECHAT_APPID: 'wx1' })).toThrow(/together/)
  })
})

describe('WechatModule without credentials', () => {
  it('starts an embedded emulator that the client logs in against, and closes it with the app', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WechatModule.forRoot({})] }).compile()
    moduleRef.useLogger(false)
    const app = await moduleRef.init()
    const client = app.get(WechatClient)
    const emulator = app.get(EmbeddedWechatEmulator).instance!
    expect((await client.code2Session(emulator.issueCode('gina'))).openid).toBe(emulator.openidFor('gina'))
    await app.close()
    expect(emulator.server.listening).toBe(false)
  })
})
