import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, taroApi } from '../../../../test/mocks/taro'
import { ok } from '../../../../test/fixtures'
import MePage from '../index'

const KEY = 'chuangan.session'
const request = () => taroApi('request')
const $ = (selector: string) => document.querySelector(selector)
const loginResult = (nickname = '') => ({
  token: 'tok-alice',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 9, nickname, avatarUrl: null, role: 'author' },
})

function devLoginAs(name: string) {
  fireEvent.change($('.dev-login-name')!, { target: { value: name } })
  fireEvent.click($('.dev-login-submit')!)
}

describe('MePage in H5 (开发登录)', () => {
  it('signs in with the dev login and shows the user', async () => {
    const store = memoryStorage()
    request().mockResolvedValue(ok(loginResult()))
    render(<MePage />)
    expect($('.wechat-login')).toBeNull()

    devLoginAs(' alice ')

    await screen.findByText('退出登录')
    expect(request().mock.calls[0][0]).toMatchObject({
      method: 'POST',
      url: 'http://api.test/api/auth/dev',
      data: { name: 'alice' },
    })
    expect($('.me-nickname')?.textContent).toBe('微信用户')
    expect($('.me-role')?.textContent).toBe('作者')
    expect(store.get(KEY)).toEqual(loginResult())
    expect($('.dev-login-name')).toBeNull()
  })

  it('shows the API’s message when the dev login fails', async () => {
    const store = memoryStorage()
    request().mockResolvedValue(
      ok({ statusCode: 404, code: 'NOT_FOUND', message: '开发登录仅在使用微信模拟器时可用' }, 404),
    )
    render(<MePage />)

    devLoginAs('alice')

    expect(await screen.findByText('开发登录仅在使用微信模拟器时可用')).toBeTruthy()
    expect(store.has(KEY)).toBe(false)
    expect($('.dev-login-submit')).not.toBeNull()
  })

  it('checks the name before calling the API', () => {
    memoryStorage()
    render(<MePage />)
    devLoginAs('张三')
    expect($('.dev-login-error')?.textContent).toContain('字母、数字')
    expect(request()).not.toHaveBeenCalled()
  })

  it('shows the nickname when signed in and logs out', async () => {
    const store = memoryStorage({ [KEY]: loginResult('小传') })
    request().mockResolvedValue(ok({ ok: true }))
    render(<MePage />)
    expect($('.me-nickname')?.textContent).toBe('小传')

    fireEvent.click(screen.getByText('退出登录'))

    await waitFor(() => expect($('.dev-login-name')).not.toBeNull())
    expect(request().mock.calls[0][0]).toMatchObject({ method: 'POST', url: 'http://api.test/api/auth/logout' })
    expect(request().mock.calls[0][0].header.Authorization).toBe('Bearer tok-alice')
    expect(store.has(KEY)).toBe(false)
  })
})

describe('MePage in the mini-program', () => {
  it('signs in with 微信登录 (wx.login)', async () => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage()
    taroApi('login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' })
    request().mockResolvedValue(ok(loginResult('小传')))
    render(<MePage />)
    expect($('.dev-login-name')).toBeNull()

    fireEvent.click(screen.getByText('微信登录'))

    await screen.findByText('退出登录')
    expect(request().mock.calls[0][0]).toMatchObject({
      url: 'http://api.test/api/auth/wechat',
      data: { code: 'wx-code' },
    })
    expect($('.me-nickname')?.textContent).toBe('小传')
  })
})
