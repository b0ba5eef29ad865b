import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { errorMessage } from '@/api/client'
import { devLogin } from '@/auth/session'
import { ensureConsent } from '@/privacy/consent'
import { flag } from '@/utils/flag'
import './index.css'

/**
 * H5 has no wx.login: sign in as a named test user (works against a server running the WeChat emulator).
 * The first sign-in asks for consent to the privacy guide (a PrivacyPopup must be on the page).
 */
export default function DevLoginForm() {
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const submit = () => {
    const trimmed = name.trim()
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(trimmed)) {
      setError('请输入 1–32 位字母、数字、_ 或 -')
      return
    }
    setBusy(true)
    setError('')
    ensureConsent()
      .then(() => devLogin(trimmed))
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false))
  }
  return (
    <View className="dev-login">
      <Input
        className="dev-login-name"
        data-testid="dev-login-name"
        value={name}
        placeholder="测试用户名，如 alice"
        maxlength={32}
        onInput={(e) => setName(e.detail.value)}
        onConfirm={submit}
      />
      {error ? <Text className="dev-login-error">{error}</Text> : null}
      <Button
        className="dev-login-submit primary-button"
        data-testid="dev-login-submit"
        disabled={flag(busy)}
        loading={flag(busy)}
        onClick={submit}
      >
        开发登录
      </Button>
    </View>
  )
}
