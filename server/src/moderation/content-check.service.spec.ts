import { createWechatEmulator, type WechatEmulator } from '../wechat/emulator/wechat-emulator'
import { WechatClient } from '../wechat/wechat.client'
import { ContentCheckService } from './content-check.service'

const APPID = 'wxcontentcheck01'
const SECRET = 'content-check-secret'
const CHECK = '/wxa/msg_sec_check'

describe('ContentCheckService against the WeChat emulator', () => {
  let emulator: WechatEmulator
  let service: ContentCheckService
  let openid: string

  beforeAll(async () => {
    emulator = createWechatEmulator({ appid: APPID, secret: SECRET })
    const baseUrl = await emulator.listen()
    service = new ContentCheckService(new WechatClient({ baseUrl, appid: APPID, secret: SECRET }))
    openid = emulator.openidFor('writer')
  })
  afterAll(() => emulator.close())

  const check = (text: string, who: string | null = openid) => service.check({ openid: who, text, scene: 2 })

  it('passes clean text, asking WeChat when there is an openid', async () => {
    const before = emulator.callCount(CHECK)
    expect(await check('温漂补偿讲得好')).toEqual({ verdict: 'pass', label: null })
    expect(emulator.callCount(CHECK)).toBe(before + 1)
  })

  it('takes WeChat’s review and risky verdicts with their labels and a message', async () => {
    expect(await check('有需要加微信')).toEqual({
      verdict: 'review',
      label: 10001,
      message: '内容已提交审核，通过后其他人可见',
    })
    expect(await check('网上赌博')).toEqual({
      verdict: 'risky',
      label: 20006,
      message: '内容含有违法犯罪信息，请修改后再提交',
    })
  })

  it('lets the worst verdict of the two checks win', async () => {
    // Ours says review (脑残), WeChat says risky (赌博).
    expect((await check('脑残才去赌博')).verdict).toBe('risky')
    // Ours says risky (代开发票), WeChat would pass: WeChat is not even asked.
    const before = emulator.callCount(CHECK)
    expect(await check('代开发票')).toMatchObject({ verdict: 'risky', label: 20006 })
    expect(emulator.callCount(CHECK)).toBe(before)
    // Ours says review, WeChat passes.
    expect(await check('稳赚不赔')).toMatchObject({ verdict: 'review', label: 20008 })
  })

  it('uses only our filter without an openid', async () => {
    const before = emulator.callCount(CHECK)
    expect(await check('有需要加微信', null)).toEqual({ verdict: 'pass', label: null })
    expect((await check('加薇信', null)).verdict).toBe('review')
    expect(emulator.callCount(CHECK)).toBe(before)
  })

  it('sends the text to human review when WeChat fails, instead of refusing the write', async () => {
    for (const errcode of [-1, 45011, 40003]) {
      emulator.failNext(CHECK, errcode)
      expect(await check('温漂补偿讲得好')).toEqual({
        verdict: 'review',
        label: null,
        message: '内容已提交审核，通过后其他人可见',
      })
    }
    // Our review word with WeChat failing stays review; the scripted failure is used up after one call.
    emulator.failNext(CHECK, -1)
    expect((await check('脑残')).verdict).toBe('review')
    expect((await check('温漂补偿讲得好')).verdict).toBe('pass')
  })

  it('treats an unreachable WeChat like a busy one', async () => {
    const offline = new ContentCheckService(
      new WechatClient({ baseUrl: 'http://127.0.0.1:9', appid: APPID, secret: SECRET, timeoutMs: 500 }),
    )
    expect(await offline.check({ openid, text: '温漂补偿讲得好', scene: 2 })).toMatchObject({ verdict: 'review' })
  })
})
