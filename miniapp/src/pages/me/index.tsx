import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import type { Me } from '@chuangan/shared'
import { AVATAR_MAX_BYTES, AVATAR_TYPES, NICKNAME_MAX_LENGTH } from '@chuangan/shared/limits'
import { call, showErrorToast, upload } from '@/api/client'
import {
  type Session,
  deleteAccount,
  ensureLogin,
  getSession,
  isWeapp,
  logout,
  updateSessionUser,
  useSession,
} from '@/auth/session'
import DevLoginForm from '@/components/DevLoginForm'
import Dialog, { DialogButton } from '@/components/Dialog'
import PrivacyPopup from '@/components/PrivacyPopup'
import { mediaUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { refreshUnread, useUnreadTotal } from '@/utils/notices'
import {
  CONVERSATIONS_PAGE,
  DEMANDS_PAGE,
  FOLDERS_PAGE,
  INQUIRIES_PAGE,
  MY_COMMENTS_PAGE,
  MY_LIKES_PAGE,
  NOTICES_PAGE,
  SAVED_SEARCHES_PAGE,
} from '@/utils/paths'
import { flag } from '@/utils/flag'
import './index.css'

const ROLE_LABEL: Record<Me['role'], string> = { reader: '读者', author: '作者', editor: '编辑', supplier: '供应商' }

const ENTRIES = [
  { key: 'notices', label: '消息', icon: '✉', url: NOTICES_PAGE },
  { key: 'folders', label: '我的收藏', icon: '☆', url: FOLDERS_PAGE },
  { key: 'saved-searches', label: '订阅的搜索', icon: '⌕', url: SAVED_SEARCHES_PAGE },
  { key: 'comments', label: '我的评论', icon: '✎', url: MY_COMMENTS_PAGE },
  { key: 'likes', label: '我的点赞', icon: '♡', url: MY_LIKES_PAGE },
  { key: 'messages', label: '我的私信', icon: '✆', url: CONVERSATIONS_PAGE },
  { key: 'inquiries', label: '我的询价', icon: '询', url: INQUIRIES_PAGE },
  { key: 'demands', label: '我的求购', icon: '求', url: DEMANDS_PAGE },
]

async function uploadAvatar(filePath: string): Promise<void> {
  void Taro.showLoading({ title: '上传中', mask: true })
  try {
    updateSessionUser(await upload('uploadAvatar', filePath))
    void Taro.hideLoading()
    void Taro.showToast({ title: '头像已更新', icon: 'success' })
  } catch (error) {
    void Taro.hideLoading()
    showErrorToast(error)
  }
}

/** H5 (no chooseAvatar): pick a picture from the device; the server's limits are checked first (no useless upload). */
async function pickAvatar(): Promise<void> {
  let file: { path: string; size: number; type?: string; originalFileObj?: { type?: string } } | undefined
  try {
    file = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))
      .tempFiles[0]
  } catch {
    return // picker closed
  }
  if (!file) return
  const type = file.originalFileObj?.type ?? file.type
  if (type && !(AVATAR_TYPES as readonly string[]).includes(type)) {
    void Taro.showToast({ title: '头像仅支持 JPG、PNG 或 WebP 图片', icon: 'none' })
    return
  }
  if (file.size > AVATAR_MAX_BYTES) {
    void Taro.showToast({ title: `头像图片不能超过 ${AVATAR_MAX_BYTES / 1024 / 1024} MB`, icon: 'none' })
    return
  }
  await uploadAvatar(file.path)
}

/**
 * The nickname: tap it to edit (WeChat's nickname keyboard in weapp); saved when the input loses focus or on the
 * keyboard's 完成. A new WeChat user has none yet and shows as 微信用户.
 */
function Nickname({ user }: { user: Me }) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(user.nickname)
  // blur and 完成 both end an edit: only the first one saves
  const open = useRef(false)

  const save = async (value: string) => {
    if (!open.current) return
    open.current = false
    setEditing(false)
    const nickname = value.trim()
    if (nickname === user.nickname) return
    if (!nickname || nickname.length > NICKNAME_MAX_LENGTH) {
      void Taro.showToast({ title: nickname ? `昵称最多 ${NICKNAME_MAX_LENGTH} 个字` : '昵称不能为空', icon: 'none' })
      return
    }
    try {
      updateSessionUser(await call('updateProfile', { body: { nickname } }))
      void Taro.showToast({ title: '昵称已保存', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  if (!editing) {
    return (
      <View
        className="me-nickname-row"
        onClick={() => {
          open.current = true
          setDraft(user.nickname)
          setEditing(true)
        }}
      >
        <Text className="me-nickname" data-testid="me-nickname">
          {user.nickname.trim() || '微信用户'}
        </Text>
        <Text className="me-nickname__edit" aria-label="修改昵称">
          ✎
        </Text>
      </View>
    )
  }
  return (
    <Input
      className="me-nickname-input"
      data-testid="me-nickname-input"
      type={isWeapp() ? 'nickname' : 'text'}
      value={draft}
      focus
      placeholder="请输入昵称"
      maxlength={NICKNAME_MAX_LENGTH}
      onInput={(e) => setDraft(e.detail.value)}
      onBlur={(e) => void save(e.detail.value)}
      onConfirm={(e) => void save(e.detail.value)}
    />
  )
}

function Avatar({ user }: { user: Me }) {
  const src = mediaUrl(user.avatarUrl)
  const face = src ? (
    <Image className="me-avatar" src={src} mode="aspectFill" />
  ) : (
    <View className="me-avatar me-avatar--empty">{(user.nickname.trim() || '微').slice(0, 1)}</View>
  )
  const badge = (
    <Text className="me-avatar__edit" aria-label="更换头像">
      ✎
    </Text>
  )
  if (isWeapp()) {
    return (
      <Button
        className="me-avatar-button"
        data-testid="me-avatar"
        openType="chooseAvatar"
        onChooseAvatar={(e) => void uploadAvatar((e.detail as { avatarUrl: string }).avatarUrl)}
      >
        {face}
        {badge}
      </Button>
    )
  }
  return (
    <View className="me-avatar-button" data-testid="me-avatar" onClick={() => void pickAvatar()}>
      {face}
      {badge}
    </View>
  )
}

function DeleteAccount() {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await deleteAccount()
      setOpen(false)
      void Taro.showToast({ title: '账号已注销', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <Text className="me-delete-account" data-testid="delete-account" onClick={() => setOpen(true)}>
        注销账号
      </Text>
      {open ? (
        <Dialog
          title="注销账号"
          className="delete-account-dialog"
          actions={
            <>
              <DialogButton testId="delete-account-cancel" disabled={flag(busy)} onClick={() => setOpen(false)}>
                取消
              </DialogButton>
              <DialogButton danger testId="delete-account-confirm" disabled={flag(busy)} onClick={() => void confirm()}>
                确认注销
              </DialogButton>
            </>
          }
        >
          <Text className="delete-account-dialog__line">注销后：</Text>
          <Text className="delete-account-dialog__line">· 你的昵称、头像、点赞和收藏夹将被删除；</Text>
          <Text className="delete-account-dialog__line">· 你发表的评论仍会保留，但显示为「已注销用户」；</Text>
          <Text className="delete-account-dialog__line">· 此操作无法撤销，再次登录将是一个新账号。</Text>
        </Dialog>
      ) : null}
    </>
  )
}

function Profile({ session, unreadMessages }: { session: Session; unreadMessages: number }) {
  const { user } = session
  const unreadNotices = useUnreadTotal()
  return (
    <View className="me-page">
      <View className="me-card card">
        <View className="me-card__head">
          <Avatar user={user} />
          <View className="me-card__info">
            <Nickname user={user} />
            <Text className="me-role">{ROLE_LABEL[user.role] ?? user.role}</Text>
          </View>
        </View>
      </View>

      <View className="me-entries card">
        {ENTRIES.map((entry) => (
          <View
            key={entry.key}
            className="me-entry"
            data-testid={`me-entry-${entry.key}`}
            hoverClass="me-entry--hover"
            onClick={() => openPage(entry.url)}
          >
            <Text className="me-entry__icon">{entry.icon}</Text>
            <Text className="me-entry__label">{entry.label}</Text>
            {entry.key === 'notices' && unreadNotices > 0 ? (
              <Text className="me-entry__badge" data-testid="me-notices-unread">
                {unreadNotices > 99 ? '99+' : unreadNotices}
              </Text>
            ) : null}
            {entry.key === 'messages' && unreadMessages > 0 ? (
              <Text className="me-entry__badge" data-testid="me-unread">
                {unreadMessages > 99 ? '99+' : unreadMessages}
              </Text>
            ) : null}
            <Text className="me-entry__arrow">›</Text>
          </View>
        ))}
      </View>

      <View className="me-card card me-card--actions">
        <Button className="primary-button logout-button" data-testid="logout" onClick={() => void logout()}>
          退出登录
        </Button>
        <DeleteAccount />
      </View>
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
    <Button className="primary-button wechat-login" disabled={flag(busy)} loading={flag(busy)} onClick={login}>
      微信登录
    </Button>
  )
}

export default function MePage() {
  const session = useSession()
  // signed in, out or as someone else after the page showed: the badge follows the account
  const userId = session?.user.id ?? null
  const shownFor = useRef(userId)
  useEffect(() => {
    if (shownFor.current === userId) return
    shownFor.current = userId
    void refreshUnread()
  }, [userId])
  // unread 私信, on the 我的私信 row
  const [unread, setUnread] = useState(0)

  // keep the card in step with the account (changed on another device; a dead session is dropped by the client)
  useDidShow(() => {
    // the 消息 badge on this tab, and the count on its entry
    void refreshUnread()
    if (!getSession()) return
    call('me')
      .then(updateSessionUser)
      .catch(() => undefined)
    call('myUnreadMessages')
      .then((answer) => setUnread(answer.unread))
      .catch(() => undefined)
  })

  return (
    <>
      {session ? (
        <Profile session={session} unreadMessages={unread} />
      ) : (
        <View className="me-page">
          <View className="me-card card">
            <View className="me-card__head">
              <View className="me-avatar me-avatar--empty">?</View>
              <View className="me-card__info">
                <Text className="me-nickname">未登录</Text>
                <Text className="me-hint">登录后可点赞、评论和收藏文章</Text>
              </View>
            </View>
            {isWeapp() ? <WechatLogin /> : <DevLoginForm />}
          </View>
        </View>
      )}
      <PrivacyPopup />
    </>
  )
}
