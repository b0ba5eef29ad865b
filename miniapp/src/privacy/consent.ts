import { useEffect, useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { ApiRequestError } from '@/api/client'
import { isWeapp } from '@/auth/session'
import { isSinglePageMode } from '@/utils/scene'

// The 用户隐私保护指引 must be agreed to before the first use of personal data.
// - Mini-program: WeChat itself notices the first privacy-relevant API or component (chooseAvatar, the nickname
//   input, chooseImage, the clipboard …) and fires wx.onNeedPrivacyAuthorization; the pending call waits until we
//   resolve: 'agree' (only after a tap on <button open-type="agreePrivacyAuthorization" id=…>) or 'disagree'.
// - H5: there is no such event, so signing in asks once (ensureConsent) and the answer is kept in storage.
// Either way one PrivacyPopup on the page shows the question; nothing is asked on load (single-page mode included).

/** The id of the popup's agree button; WeChat checks that this button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'
export const CONSENT_KEY = 'chuangan.privacyConsent'
export const CONSENT_REFUSED = '需同意《用户隐私保护指引》后才能继续'

export interface ConsentRequest {
  /** Tells WeChat the popup is on screen (once). */
  shown: () => void
  answer: (agreed: boolean) => void
}

let current: ConsentRequest | null = null
let popups = 0
const listeners = new Set<() => void>()

function publish(request: ConsentRequest | null): void {
  current = request
  listeners.forEach((listener) => listener())
}

function ask(request: ConsentRequest): void {
  // a newer question replaces one still open (its caller is told no)
  current?.answer(false)
  publish(request)
}

/** The popup's 同意 / 拒绝. */
export function answerConsent(agreed: boolean): void {
  const request = current
  if (!request) return
  publish(null)
  request.answer(agreed)
}

function storedConsent(): boolean {
  try {
    return Taro.getStorageSync(CONSENT_KEY) === 'agreed'
  } catch {
    return false
  }
}

/**
 * H5: resolves once the reader has agreed (now, or before: the answer is remembered); rejects when they refuse.
 * In the mini-program it resolves at once: WeChat asks by itself when a privacy-relevant API is used.
 */
export function ensureConsent(): Promise<void> {
  if (isWeapp() || storedConsent()) return Promise.resolve()
  if (popups === 0) return Promise.reject(refused())
  return new Promise<void>((resolve, reject) => {
    ask({
      shown: () => undefined,
      answer: (agreed) => {
        if (!agreed) return reject(refused())
        try {
          Taro.setStorageSync(CONSENT_KEY, 'agreed')
        } catch {
          // not remembered: asked again next time
        }
        resolve()
      },
    })
  })
}

function refused(): ApiRequestError {
  return new ApiRequestError({ statusCode: 0, code: 'PRIVACY_REFUSED', message: CONSENT_REFUSED })
}

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** Mini-program: called once at launch; shows the popup whenever WeChat asks (never in single-page mode). */
export function listenForPrivacyAuthorization(): void {
  if (!isWeapp() || isSinglePageMode()) return
  const taro = Taro as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void }
  taro.onNeedPrivacyAuthorization?.((resolve) => {
    // no popup on this page: refuse rather than leave the API waiting forever
    if (popups === 0) return resolve({ event: 'disagree' })
    let exposed = false
    ask({
      shown: () => {
        if (exposed) return
        exposed = true
        resolve({ event: 'exposureAuthorization' })
      },
      answer: (agreed) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }),
    })
  })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** For PrivacyPopup: the open question, if any (and WeChat's questions are answered only while one is mounted). */
export function useConsentRequest(): ConsentRequest | null {
  useEffect(() => {
    popups++
    return () => {
      popups--
    }
  }, [])
  return useSyncExternalStore(subscribe, () => current)
}
