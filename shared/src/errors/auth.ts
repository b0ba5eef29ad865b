import { defineErrors } from './define'

/** Signing in with WeChat (what a failed code exchange means for the caller) and the development sign-in. */
export const AuthErrors = defineErrors({
  /** The wx.login code is unknown or was used already: get a new one. */
  LOGIN_CODE_INVALID: { status: 401, message: '登录凭证无效或已使用，请重新登录' },
  /** WeChat's own limit on code exchanges. */
  LOGIN_TOO_FREQUENT: { status: 429, message: '登录太频繁，请稍后再试' },
  /** WeChat flags the account as high-risk. */
  LOGIN_BLOCKED: { status: 403, message: '该微信账号存在风险，暂时无法登录' },
  /** WeChat is busy or unreachable. */
  LOGIN_UNAVAILABLE: { status: 503, message: '微信登录暂时不可用，请稍后重试' },
  /** The server talks to a real WeChat: there is no development sign-in. */
  DEV_LOGIN_UNAVAILABLE: { status: 404, message: '开发登录仅在使用微信模拟器时可用' },
})
