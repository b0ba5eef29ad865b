import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { ok } from '../../../../test/fixtures'
import { API, SESSION_KEY, fail, serveApi, session } from '../../../../test/api'
import MePage from '../index'

const KEY = SESSION_KEY
const CONSENT = { 'chuangan.privacyConsent': 'agreed' }
const request = () => taroApi('request')
const $ = (selector: string) => document.querySelector(selector)
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`)
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
  it('asks for privacy consent before the first sign-in, then signs in and shows the user', async () => {
    const store = memoryStorage()
    request().mockResolvedValue(ok(loginResult()))
    render(<MePage />)
    expect($('.wechat-login')).toBeNull()
    expect(byTestId('privacy-agree')).toBeNull()

    devLoginAs(' alice ')

    // nothing is sent before the reader agrees
    await waitFor(() => expect(byTestId('privacy-agree')).not.toBeNull())
    expect(screen.getByText('用户隐私保护提示')).toBeTruthy()
    expect(request()).not.toHaveBeenCalled()
    fireEvent.click(byTestId('privacy-agree')!)

    await screen.findByText('退出登录')
    expect(request().mock.calls[0][0]).toMatchObject({
      method: 'POST',
      url: 'http://api.test/api/auth/dev',
      data: { name: 'alice' },
    })
    expect($('.me-nickname')?.textContent).toBe('微信用户')
    expect($('.me-role')?.textContent).toBe('作者')
    expect(store.get(KEY)).toEqual(loginResult())
    expect(store.get('chuangan.privacyConsent')).toBe('agreed')
    expect($('.dev-login-name')).toBeNull()
    expect(byTestId('privacy-agree')).toBeNull()
  })

  it('does not ask again once agreed', async () => {
    memoryStorage(CONSENT)
    request().mockResolvedValue(ok(loginResult()))
    render(<MePage />)
    devLoginAs('alice')
    await screen.findByText('退出登录')
    expect(byTestId('privacy-agree')).toBeNull()
  })

  it('does not sign in when consent is refused, and asks again next time', async () => {
    const store = memoryStorage()
    render(<MePage />)

    devLoginAs('alice')
    await waitFor(() => expect(byTestId('privacy-refuse')).not.toBeNull())
    fireEvent.click(byTestId('privacy-refuse')!)

    expect(await screen.findByText('需同意《用户隐私保护指引》后才能继续')).toBeTruthy()
    expect(request()).not.toHaveBeenCalled()
    expect(store.has('chuangan.privacyConsent')).toBe(false)
    fireEvent.click($('.dev-login-submit')!)
    await waitFor(() => expect(byTestId('privacy-agree')).not.toBeNull())
  })

  it('opens the privacy guide from the popup', async () => {
    memoryStorage()
    render(<MePage />)
    devLoginAs('alice')
    await waitFor(() => expect(byTestId('privacy-contract')).not.toBeNull())
    fireEvent.click(byTestId('privacy-contract')!)
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/me/privacy/index' })
  })

  it('shows the API’s message when the dev login fails', async () => {
    const store = memoryStorage(CONSENT)
    request().mockResolvedValue(
      ok({ statusCode: 404, code: 'DEV_LOGIN_UNAVAILABLE', message: '开发登录仅在使用微信模拟器时可用' }, 404),
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

describe('MePage profile', () => {
  const signedIn = (nickname = '小传') => memoryStorage({ [KEY]: session({ nickname }) })
  const me = (nickname: string, avatarUrl: string | null = null) => ({ id: 7, nickname, avatarUrl, role: 'reader' })

  function editNickname(value: string, end: 'blur' | 'enter' = 'blur') {
    fireEvent.click(byTestId('me-nickname')!)
    const input = byTestId('me-nickname-input') as HTMLInputElement
    fireEvent.change(input, { target: { value } })
    if (end === 'blur') fireEvent.blur(input)
    else fireEvent.keyDown(input, { key: 'Enter' })
  }

  it('saves a new nickname on blur and shows it', async () => {
    const store = signedIn('小传')
    const log = serveApi({ 'PATCH /me': (req) => me(req.data.nickname) })
    render(<MePage />)

    editNickname('  传感老王 ')

    await waitFor(() => expect($('.me-nickname')?.textContent).toBe('传感老王'))
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ method: 'PATCH', url: `${API}/me`, data: { nickname: '传感老王' } })
    expect(log[0].header.Authorization).toBe('Bearer tok-1')
    expect((store.get(KEY) as ReturnType<typeof session>).user.nickname).toBe('传感老王')
    expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '昵称已保存' }))
  })

  it('saves on the keyboard’s 完成', async () => {
    signedIn('小传')
    const log = serveApi({ 'PATCH /me': (req) => me(req.data.nickname) })
    render(<MePage />)

    editNickname('老王', 'enter')

    await waitFor(() => expect($('.me-nickname')?.textContent).toBe('老王'))
    expect(log).toHaveLength(1)
  })

  it('does not call the API for an unchanged or empty nickname', async () => {
    signedIn('小传')
    const log = serveApi({})
    render(<MePage />)

    editNickname('小传')
    await waitFor(() => expect($('.me-nickname')?.textContent).toBe('小传'))
    editNickname('   ')

    await waitFor(() =>
      expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '昵称不能为空' })),
    )
    expect($('.me-nickname')?.textContent).toBe('小传')
    expect(log).toHaveLength(0)
  })

  it('keeps the old nickname and shows the API’s message when it is refused', async () => {
    signedIn('小传')
    serveApi({ 'PATCH /me': () => fail(422, 'NICKNAME_REJECTED', '昵称含有辱骂信息，请修改后再提交') })
    render(<MePage />)

    editNickname('违规昵称')

    await waitFor(() =>
      expect(taroApi('showToast')).toHaveBeenCalledWith(
        expect.objectContaining({ title: '昵称含有辱骂信息，请修改后再提交' }),
      ),
    )
    expect($('.me-nickname')?.textContent).toBe('小传')
  })

  it('uploads a picked picture as the avatar in H5', async () => {
    const store = signedIn()
    taroApi('chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:http://h5/abc'],
      tempFiles: [{ path: 'blob:http://h5/abc', size: 120_000, type: 'image/png' }],
    })
    taroApi('uploadFile').mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify(me('小传', '/media/avatars/7.png')),
    })
    render(<MePage />)

    fireEvent.click(byTestId('me-avatar')!)

    await waitFor(() => expect($('img.me-avatar')?.getAttribute('src')).toBe('http://api.test/media/avatars/7.png'))
    expect(taroApi('uploadFile')).toHaveBeenCalledWith(
      expect.objectContaining({
        url: `${API}/me/avatar`,
        filePath: 'blob:http://h5/abc',
        name: 'file',
        header: expect.objectContaining({ Authorization: 'Bearer tok-1' }),
      }),
    )
    expect((store.get(KEY) as ReturnType<typeof session>).user.avatarUrl).toBe('/media/avatars/7.png')
  })

  it('refuses a picture over 2 MB before uploading', async () => {
    signedIn()
    taroApi('chooseImage').mockResolvedValue({
      tempFiles: [{ path: 'blob:http://h5/big', size: 3 * 1024 * 1024, type: 'image/jpeg' }],
    })
    render(<MePage />)

    fireEvent.click(byTestId('me-avatar')!)

    await waitFor(() =>
      expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '头像图片不能超过 2 MB' })),
    )
    expect(taroApi('uploadFile')).not.toHaveBeenCalled()
  })

  it('shows the API’s message when the upload is refused', async () => {
    signedIn()
    taroApi('chooseImage').mockResolvedValue({ tempFiles: [{ path: 'blob:x', size: 1000 }] })
    taroApi('uploadFile').mockResolvedValue({
      statusCode: 415,
      data: JSON.stringify({
        statusCode: 415,
        code: 'UPLOAD_TYPE_UNSUPPORTED',
        message: '只支持 JPEG、PNG 或 WebP 图片',
      }),
    })
    render(<MePage />)

    fireEvent.click(byTestId('me-avatar')!)

    await waitFor(() =>
      expect(taroApi('showToast')).toHaveBeenCalledWith(
        expect.objectContaining({ title: '只支持 JPEG、PNG 或 WebP 图片' }),
      ),
    )
    expect($('img.me-avatar')).toBeNull()
  })

  it('shows the unread 私信 count on 我的私信 and opens it', async () => {
    signedIn()
    serveApi({
      'GET /me': () => ({ id: 7, nickname: '小传', avatarUrl: null, role: 'reader', shareCode: 'k3J9x2Qa' }),
      'GET /me/conversations/unread': () => ({ unread: 3 }),
    })
    render(<MePage />)
    expect(byTestId('me-unread')).toBeNull()
    act(() => void triggerPageHook('useDidShow'))
    await waitFor(() => expect(byTestId('me-unread')?.textContent).toBe('3'))
    fireEvent.click(byTestId('me-entry-messages')!)
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/me/conversations/index' })
  })

  it('opens 我的收藏, 我的评论 and 我的点赞', () => {
    signedIn()
    render(<MePage />)
    fireEvent.click(byTestId('me-entry-folders')!)
    fireEvent.click(byTestId('me-entry-comments')!)
    fireEvent.click(byTestId('me-entry-likes')!)
    expect(taroApi('navigateTo').mock.calls.map(([o]) => o.url)).toEqual([
      '/packages/me/folders/index',
      '/packages/me/comments/index',
      '/packages/me/likes/index',
    ])
  })

  describe('注销账号', () => {
    it('explains what happens and does nothing on 取消', async () => {
      const store = signedIn()
      const log = serveApi({})
      render(<MePage />)

      fireEvent.click(byTestId('delete-account')!)

      const dialog = $('.delete-account-dialog')!
      expect(dialog.textContent).toContain('已注销用户')
      expect(dialog.textContent).toContain('无法撤销')
      fireEvent.click(byTestId('delete-account-cancel')!)
      expect($('.delete-account-dialog')).toBeNull()
      expect(log).toHaveLength(0)
      expect(store.has(KEY)).toBe(true)
    })

    it('deletes the account after the confirmation, then signs out', async () => {
      const store = signedIn()
      const log = serveApi({ 'DELETE /me': () => ({ ok: true }) })
      render(<MePage />)

      fireEvent.click(byTestId('delete-account')!)
      fireEvent.click(byTestId('delete-account-confirm')!)

      await waitFor(() => expect($('.dev-login-name')).not.toBeNull())
      expect(log).toHaveLength(1)
      expect(log[0]).toMatchObject({ method: 'DELETE', url: `${API}/me`, data: { confirm: true } })
      expect(log[0].header.Authorization).toBe('Bearer tok-1')
      expect(store.has(KEY)).toBe(false)
      expect($('.delete-account-dialog')).toBeNull()
      expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '账号已注销' }))
    })

    it('stays signed in and says why when the deletion fails', async () => {
      const store = signedIn()
      serveApi({ 'DELETE /me': () => fail(500, 'INTERNAL_ERROR', '服务器开小差了') })
      render(<MePage />)

      fireEvent.click(byTestId('delete-account')!)
      fireEvent.click(byTestId('delete-account-confirm')!)

      await waitFor(() =>
        expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '服务器开小差了' })),
      )
      expect(store.has(KEY)).toBe(true)
      expect($('.delete-account-dialog')).not.toBeNull()
    })
  })
})

describe('MePage in the mini-program', () => {
  beforeEach(() => taroApi('getEnv').mockReturnValue('WEAPP'))

  it('signs in with 微信登录 (wx.login)', async () => {
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

  it('uploads the avatar chosen with the chooseAvatar button', async () => {
    memoryStorage({ [KEY]: session({ nickname: '小传' }) })
    taroApi('uploadFile').mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify({ id: 7, nickname: '小传', avatarUrl: '/media/avatars/7.jpg', role: 'reader' }),
    })
    render(<MePage />)
    expect(byTestId('me-avatar')?.getAttribute('data-open-type')).toBe('chooseAvatar')

    await act(async () => {
      fireEvent.click(byTestId('me-avatar')!)
    })

    await waitFor(() => expect($('img.me-avatar')?.getAttribute('src')).toBe('http://api.test/media/avatars/7.jpg'))
    expect(taroApi('uploadFile')).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/chosen-avatar.png', name: 'file' }),
    )
    expect(taroApi('chooseImage')).not.toHaveBeenCalled()
  })

  it('edits the nickname with WeChat’s nickname keyboard', () => {
    memoryStorage({ [KEY]: session({ nickname: '小传' }) })
    render(<MePage />)
    fireEvent.click(byTestId('me-nickname')!)
    expect(byTestId('me-nickname-input')?.getAttribute('type')).toBe('nickname')
  })
})
