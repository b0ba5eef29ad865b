import { act, fireEvent, render, waitFor } from '@testing-library/react'
import { memoryStorage, taroApi } from '../../../test/mocks/taro'
import PrivacyPopup from '@/components/PrivacyPopup'
import { AGREE_BUTTON_ID, ensureConsent, listenForPrivacyAuthorization } from '../consent'

const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`)

/** What WeChat does when a privacy-relevant API is called before consent: calls our listener with `resolve`. */
function wechatAsks(): jest.Mock {
  const listener = taroApi('onNeedPrivacyAuthorization').mock.calls.at(-1)?.[0]
  expect(listener).toBeInstanceOf(Function)
  const resolve = jest.fn()
  act(() => listener(resolve, { referrer: 'chooseAvatar' }))
  return resolve
}

describe('privacy consent in the mini-program', () => {
  beforeEach(() => {
    taroApi('getEnv').mockReturnValue('WEAPP')
    memoryStorage()
  })

  it('listens for WeChat’s question at launch, but not in single-page mode or in H5', () => {
    listenForPrivacyAuthorization()
    expect(taroApi('onNeedPrivacyAuthorization')).toHaveBeenCalledTimes(1)

    taroApi('onNeedPrivacyAuthorization').mockClear()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1154 })
    listenForPrivacyAuthorization()
    taroApi('getLaunchOptionsSync').mockReturnValue({ scene: 1001 })
    taroApi('getEnv').mockReturnValue('WEB')
    listenForPrivacyAuthorization()
    expect(taroApi('onNeedPrivacyAuthorization')).not.toHaveBeenCalled()
  })

  it('shows nothing until WeChat asks', () => {
    listenForPrivacyAuthorization()
    render(<PrivacyPopup />)
    expect(byTestId('privacy-agree')).toBeNull()
  })

  it('shows the popup, reports its exposure once, and lets the API go on after 同意', async () => {
    listenForPrivacyAuthorization()
    render(<PrivacyPopup />)

    const resolve = wechatAsks()

    await waitFor(() => expect(byTestId('privacy-agree')).not.toBeNull())
    expect(resolve.mock.calls).toEqual([[{ event: 'exposureAuthorization' }]])
    // WeChat checks that the agree button itself (open-type, id) was tapped
    const agree = byTestId('privacy-agree')!
    expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization')
    expect(agree.getAttribute('id')).toBe(AGREE_BUTTON_ID)

    fireEvent.click(agree)

    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    expect(resolve).toHaveBeenCalledTimes(2)
    expect(byTestId('privacy-agree')).toBeNull()
  })

  it('makes the waiting API fail on 拒绝', async () => {
    listenForPrivacyAuthorization()
    render(<PrivacyPopup />)
    const resolve = wechatAsks()
    await waitFor(() => expect(byTestId('privacy-refuse')).not.toBeNull())

    fireEvent.click(byTestId('privacy-refuse')!)

    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(byTestId('privacy-refuse')).toBeNull()
  })

  it('opens WeChat’s privacy contract from the link', async () => {
    listenForPrivacyAuthorization()
    render(<PrivacyPopup />)
    wechatAsks()
    await waitFor(() => expect(byTestId('privacy-contract')).not.toBeNull())
    fireEvent.click(byTestId('privacy-contract')!)
    expect(taroApi('openPrivacyContract')).toHaveBeenCalledTimes(1)
    expect(taroApi('navigateTo')).not.toHaveBeenCalled()
  })

  it('refuses at once when no popup is on the page (the API must not wait forever)', () => {
    listenForPrivacyAuthorization()
    const resolve = wechatAsks()
    expect(resolve.mock.calls).toEqual([[{ event: 'disagree' }]])
  })

  it('does not ask before signing in (WeChat asks by itself)', async () => {
    await expect(ensureConsent()).resolves.toBeUndefined()
  })
})

describe('privacy consent in H5', () => {
  it('asks once, remembers 同意, and resolves from then on without asking', async () => {
    const store = memoryStorage()
    render(<PrivacyPopup />)

    let first!: Promise<void>
    act(() => {
      first = ensureConsent()
    })
    await waitFor(() => expect(byTestId('privacy-agree')).not.toBeNull())
    expect(byTestId('privacy-agree')?.getAttribute('data-open-type')).toBeNull()
    fireEvent.click(byTestId('privacy-agree')!)

    await expect(first).resolves.toBeUndefined()
    expect(store.get('chuangan.privacyConsent')).toBe('agreed')
    await expect(ensureConsent()).resolves.toBeUndefined()
    expect(byTestId('privacy-agree')).toBeNull()
  })

  it('rejects on 拒绝 and remembers nothing', async () => {
    const store = memoryStorage()
    render(<PrivacyPopup />)
    let answer!: Promise<void>
    act(() => {
      answer = ensureConsent()
    })
    await waitFor(() => expect(byTestId('privacy-refuse')).not.toBeNull())
    fireEvent.click(byTestId('privacy-refuse')!)
    await expect(answer).rejects.toMatchObject({ code: 'PRIVACY_REFUSED' })
    expect(store.has('chuangan.privacyConsent')).toBe(false)
  })
})
