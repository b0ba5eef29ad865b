import { useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import type { Me } from '@chuangan/shared'
import { errorMessage, showErrorToast } from '@/api/client'
import { devLogin, ensureLogin, isWeapp, logout, useSession } from '@/auth/session'
import { mediaUrl } from '@/utils/media'
import './index.css'

const ROLE_LABEL: Record<Me['role'], string> = { reader: '读者', author: '作者', editor: '编辑' }

function Profile({ user, onLogout }: { user: Me; onLogout: () => void }) {
  const nickname = user.nickname.trim() || '微信用户'
  const avatar = mediaUrl(user.avatarUrl)
  return (
    <View className="me-card">
      <View className="me-card__head">
        {avatar ? (
          <Image className="me-avatar" src={avatar} mode="aspectFill" />
        ) : (
          <View className="me-avatar me-avatar--empty">{nickname.slice(0, 1)}</View>
        )}
        <View className="me-card__info">
          <Text className="me-nickname">{nickname}</Text>
          <Text className="me-role">{ROLE_LABEL[user.role] ?? user.role}</Text>
        </View>
      </View>
      <Button className="me-button me-button--plain logout-button" onClick={onLogout}>
        退出登录
      </Button>
    </View>
  )
}

/** H5 has no wx.login: sign in as a named test user (works against a server running the WeChat emulator). */
function DevLoginForm() {
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
    devLogin(trimmed)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false))
  }
  return (
    <View className="dev-login">
      <Input
        className="dev-login-name"
        value={name}
        placeholder="测试用户名，如 alice"
        maxlength={32}
        onInput={(e) => setName(e.detail.value)}
        onConfirm={submit}
      />
      {error ? <Text className="dev-login-error">{error}</Text> : null}
      <Button className="me-button dev-login-submit" disabled={busy} loading={busy} onClick={submit}>
        开发登录
      </Button>
    </View>
  )
}

function WechatLogin() {
  const [busy, setBusy] = useState(false)
  const login = () => {
    setBusy(true)
    ensureLogin()
      .catch(showErrorToast)
      .finally(() => setBusy(false))
  }
  return (
    <Button className="me-button wechat-login" disabled={busy} loading={busy} onClick={login}>
      微信登录
    </Button>
  )
}

export default function MePage() {
  const session = useSession()
  if (session) return <Profile user={session.user} onLogout={() => void logout()} />
  return (
    <View className="me-card">
      <View className="me-card__head">
        <View className="me-avatar me-avatar--empty">?</View>
        <View className="me-card__info">
          <Text className="me-nickname">未登录</Text>
          <Text className="me-hint">登录后可点赞文章，收藏、关注和消息即将上线</Text>
        </View>
      </View>
      {isWeapp() ? <WechatLogin /> : <DevLoginForm />}
    </View>
  )
}
