import { chinaToday, validate, type InquiryForm } from '../validate'

const NOW = new Date('2026-12-06T02:00:00Z') // 10:00 in China
const form = (extra: Partial<InquiryForm> = {}): InquiryForm => ({
  quantity: '200',
  targetPrice: '',
  deadline: '',
  note: '',
  contact: '13812345678',
  ...extra,
})

describe('询价 form checks', () => {
  it('answers the body to send: optional fields left out, the contact without spaces', () => {
    expect(validate(form({ contact: ' 138 1234 5678 ' }), NOW)).toEqual({
      errors: {},
      body: { quantity: 200, contact: '13812345678' },
    })
    expect(
      validate(form({ targetPrice: '35.5', deadline: '2026-12-06', note: ' 含税 ', contact: 'wx_buyer1' }), NOW).body,
    ).toEqual({ quantity: 200, targetPrice: 35.5, deadline: '2026-12-06', note: '含税', contact: 'wx_buyer1' })
    expect(validate(form({ contact: '010-12345678' }), NOW).errors).toEqual({})
  })

  it('names each wrong field in Chinese and sends nothing', () => {
    const { errors, body } = validate(
      form({ quantity: '0', targetPrice: '1.234', deadline: '2026-12-05', note: '长'.repeat(501), contact: 'abc' }),
      NOW,
    )
    expect(body).toBeNull()
    expect(errors).toEqual({
      quantity: '请填写采购数量（正整数）',
      targetPrice: '目标单价须大于 0，最多两位小数',
      deadline: '截止日期不能早于今天',
      note: '备注最多 500 字',
      contact: '请填写手机号、座机号或微信号',
    })
    expect(validate(form({ quantity: '1.5' }), NOW).errors.quantity).toBeDefined()
    expect(validate(form({ contact: '' }), NOW).errors.contact).toBe('请填写联系方式')
    expect(validate(form({ targetPrice: '0' }), NOW).errors.targetPrice).toBeDefined()
  })

  it('reads today in China time', () => {
    expect(chinaToday(new Date('2026-12-05T16:30:00Z'))).toBe('2026-12-06')
    expect(chinaToday(new Date('2026-12-05T15:30:00Z'))).toBe('2026-12-05')
  })
})
