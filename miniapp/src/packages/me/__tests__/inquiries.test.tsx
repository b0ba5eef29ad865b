import { fireEvent, render, waitFor } from '@testing-library/react'
import type { InquiryView } from '@chuangan/shared'
import { memoryStorage, setRouterParams, taroApi } from '../../../../test/mocks/taro'
import { SESSION_KEY, serveApi, session } from '../../../../test/api'
import MyInquiriesPage from '../inquiries'
import InquiryPage from '../inquiry'

const allByTestId = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`))
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`)

const inquiry = (id: number, extra: Partial<InquiryView> = {}): InquiryView => ({
  id,
  status: 'submitted',
  product: { id: 7, model: 'YB-983A', name: '陶瓷压力变送器', brand: '精测' },
  supplier: { id: 3, name: '深圳精测' },
  buyer: { name: '读者甲', deleted: false },
  quantity: 200,
  targetPrice: 35.5,
  deadline: null,
  note: '含税',
  contact: '13812345678',
  answer: null,
  closedBy: null,
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  ...extra,
})
const ANSWER = { price: 33.8, leadTimeDays: 12, note: '含运', answeredAt: new Date().toISOString() }

beforeEach(() => {
  memoryStorage({ [SESSION_KEY]: session() })
})

describe('我的询价', () => {
  it('lists my inquiries with status badges; a tab asks for one status; a tap opens one', async () => {
    const log = serveApi({
      'GET /me/inquiries': (req) =>
        req.url.includes('status=answered')
          ? { items: [inquiry(2, { status: 'answered', answer: ANSWER })], nextCursor: null }
          : {
              items: [
                inquiry(2, { status: 'answered', answer: ANSWER }),
                inquiry(1, { status: 'closed', closedBy: 'buyer' }),
              ],
              nextCursor: null,
            },
    })
    render(<MyInquiriesPage />)
    await waitFor(() => expect(allByTestId('inquiry-row')).toHaveLength(2))
    expect(allByTestId('inquiry-badge').map((b) => b.textContent)).toEqual(['已报价', '已关闭'])
    expect(allByTestId('inquiry-row')[0].textContent).toContain('报价 ¥33.80 · 交期 12 天')

    fireEvent.click(byTestId('inquiry-tab-answered')!)
    await waitFor(() => expect(allByTestId('inquiry-row')).toHaveLength(1))
    expect(log[log.length - 1].url).toContain('status=answered')

    fireEvent.click(allByTestId('inquiry-row')[0])
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/me/inquiry/index?id=2' })
  })

  it('shows an empty state that leads to 传感搜', async () => {
    serveApi({ 'GET /me/inquiries': () => ({ items: [], nextCursor: null }) })
    render(<MyInquiriesPage />)
    await waitFor(() => expect(document.body.textContent).toContain('还没有询价'))
  })
})

describe('询价详情', () => {
  it('shows the answer; 接受报价 accepts it and the badge follows', async () => {
    setRouterParams({ id: '2' })
    const log = serveApi({
      'GET /me/inquiries/2': () => inquiry(2, { status: 'answered', answer: ANSWER }),
      'POST /me/inquiries/2/accept': () => inquiry(2, { status: 'accepted', answer: ANSWER }),
    })
    render(<InquiryPage />)
    await waitFor(() => expect(byTestId('inquiry-answer-price')?.textContent).toBe('¥33.80'))
    expect(byTestId('inquiry-answer-lead')?.textContent).toContain('12 天')
    fireEvent.click(byTestId('inquiry-accept')!)
    await waitFor(() => expect(byTestId('inquiry-badge')?.textContent).toBe('已接受'))
    expect(log.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      expect.stringMatching(/\/me\/inquiries\/2\/accept$/),
    ])
    expect(byTestId('inquiry-accept')).toBeNull()
    expect(byTestId('inquiry-close')).toBeNull()
  })

  it('before an answer: no 接受报价, 关闭询价 asks first', async () => {
    setRouterParams({ id: '3' })
    const log = serveApi({
      'GET /me/inquiries/3': () => inquiry(3),
      'POST /me/inquiries/3/close': () => inquiry(3, { status: 'closed', closedBy: 'buyer' }),
    })
    taroApi('showModal').mockResolvedValueOnce({ confirm: false }).mockResolvedValueOnce({ confirm: true })
    render(<InquiryPage />)
    await waitFor(() => expect(byTestId('inquiry-close')).not.toBeNull())
    expect(byTestId('inquiry-accept')).toBeNull()
    fireEvent.click(byTestId('inquiry-close')!)
    await waitFor(() => expect(taroApi('showModal')).toHaveBeenCalledTimes(1))
    expect(log.filter((r) => r.method === 'POST')).toEqual([])
    fireEvent.click(byTestId('inquiry-close')!)
    await waitFor(() => expect(byTestId('inquiry-badge')?.textContent).toBe('已关闭'))
    expect(document.body.textContent).toContain('你已关闭该询价')
  })
})
