import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import { MESSAGE_MAX_LENGTH } from '@chuangan/shared/limits'
import { ContentErrors } from '@chuangan/shared/errors'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { errorMessage } from '@/api/client'
import { useSession } from '@/auth/session'
import { formatRelativeDate } from '@/utils/date'
import { flag } from '@/utils/flag'
import { blockedInSinglePage, openPage, param } from '@/utils/nav'
import { authorUrl } from '@/utils/paths'
import LoginSheet from '../article/LoginSheet'
import { type Bubble, useConversation } from './useConversation'
import './index.css'

/** How often an open conversation looks for the author's answer. */
const POLL_MS = 15_000
/** How long after the list moved by itself a reached top is not taken as the reader scrolling up. */
const SETTLE_MS = 400

function authorIdOf(raw: string | undefined): number | null {
  const id = Number(param(raw))
  return Number.isInteger(id) && id > 0 ? id : null
}

function BubbleView({ bubble, onRetry }: { bubble: Bubble; onRetry: (key: string) => void }) {
  if (bubble.local) {
    const failed = bubble.state === 'failed'
    return (
      <View
        id={bubble.key}
        className={`bubble-row bubble-row--mine${failed ? ' bubble-row--failed' : ''}`}
        data-testid="bubble"
        data-state={bubble.state}
        onClick={failed ? () => onRetry(bubble.key) : undefined}
      >
        <View className="bubble bubble--mine bubble--local">
          <Text className="bubble__text">{bubble.content}</Text>
        </View>
        <Text className={`bubble__note${failed ? ' bubble__note--failed' : ''}`} data-testid="bubble-note">
          {failed ? '发送失败，点击重试' : '发送中…'}
        </Text>
      </View>
    )
  }
  const m = bubble.message
  const deleted = m.status === 'deleted'
  return (
    <View
      id={bubble.key}
      className={`bubble-row${m.mine ? ' bubble-row--mine' : ''}`}
      data-testid="bubble"
      data-state={m.status}
      data-id={m.id}
    >
      <View className={`bubble${m.mine ? ' bubble--mine' : ''}${deleted ? ' bubble--deleted' : ''}`}>
        <Text className="bubble__text">{deleted ? '该消息已删除' : m.content}</Text>
      </View>
      <Text className="bubble__note">
        {m.status === 'pending' ? (
          <Text className="bubble__badge" data-testid="bubble-pending">
            审核中
          </Text>
        ) : null}
        {m.status === 'rejected' ? (
          <Text className="bubble__badge bubble__badge--rejected" data-testid="bubble-rejected">
            未通过审核，对方不可见
          </Text>
        ) : null}
        {formatRelativeDate(m.createdAt)}
      </Text>
    </View>
  )
}

function Composer({ onSend, disabled }: { onSend: (content: string) => Promise<void>; disabled: boolean }) {
  const [text, setText] = useState('')
  const empty = text.trim() === ''
  const submit = () => {
    if (empty || disabled) return
    const content = text.trim()
    setText('')
    void onSend(content)
  }
  return (
    <View className="dm-composer">
      <Input
        className="dm-composer__input"
        data-testid="dm-input"
        value={text}
        placeholder={disabled ? '你已屏蔽对方' : '写私信…'}
        maxlength={MESSAGE_MAX_LENGTH}
        disabled={flag(disabled)}
        confirmType="send"
        adjustPosition
        onInput={(e) => setText(e.detail.value.slice(0, MESSAGE_MAX_LENGTH))}
        onConfirm={submit}
      />
      <Button className="dm-composer__send" data-testid="dm-send" disabled={flag(empty || disabled)} onClick={submit}>
        发送
      </Button>
    </View>
  )
}

/**
 * 私信 with one author (`?authorId=`): newest at the bottom, older ones on scrolling up; my bubble shows at once and
 * says when it failed (tap to send again) or waits for review (审核中). Signed out, the author shows and a send
 * signs in first (the sign-in sheet in H5). Single-page mode (Moments) shows its hint instead of sending.
 */
export default function ConversationPage() {
  const { params } = useRouter()
  const authorId = authorIdOf(params.authorId)
  const userId = useSession()?.user.id ?? null
  const chat = useConversation(authorId, userId)
  const { head } = chat
  const author = head.status === 'ready' ? head.author : null
  const [visible, setVisible] = useState(true)
  // Handed to the ScrollView a moment after the bubbles render: a scroll-into-view given with the first render of
  // the list (H5) came before its layout and stayed at the top.
  const [scrollTo, setScrollTo] = useState<string | undefined>(undefined)
  // When the list last moved by itself: reaching the top then is not the reader scrolling up (the list starts at
  // the top before it is taken to the newest message, which would load older pages on opening).
  const movedAt = useRef(0)
  useEffect(() => {
    if (!chat.anchor) return
    const target = chat.anchor
    const timer = setTimeout(() => {
      movedAt.current = Date.now()
      setScrollTo(target)
    }, 50)
    return () => clearTimeout(timer)
  }, [chat.anchor, chat.bubbles.length])
  const scrolledUp = () => {
    if (scrollTo === undefined || Date.now() - movedAt.current < SETTLE_MS) return
    void chat.loadOlder()
  }

  useEffect(() => {
    if (author) void Taro.setNavigationBarTitle({ title: `私信 · ${author.name}` })
  }, [author])

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  const { reload } = chat
  useEffect(() => {
    if (!visible || userId === null) return
    const timer = setInterval(() => void reload(), POLL_MS)
    return () => clearInterval(timer)
  }, [visible, userId, reload])

  if (head.status === 'loading') return <Skeleton className="dm-skeleton" blocks={3} />
  if (head.status === 'not-found') return <StatusView title={ContentErrors.AUTHOR_NOT_FOUND.message} />
  if (head.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(head.error)} onRetry={() => void chat.reload()} />
  }

  const blocked = head.conversation?.blocked ?? false
  const send = async (content: string) => {
    if (blockedInSinglePage()) return
    await chat.send(content)
  }
  const toggleBlock = async () => {
    if (blockedInSinglePage()) return
    if (!blocked) {
      const { confirm } = await Taro.showModal({
        title: '屏蔽作者',
        content: '屏蔽后对方将无法给你发私信，可随时取消屏蔽。',
        confirmText: '屏蔽',
      })
      if (!confirm) return
    }
    await chat.setBlocked(!blocked)
  }

  return (
    <View className="dm-page">
      <View className="dm-head">
        <Text className="dm-head__name" onClick={() => void openPage(authorUrl(head.author.id))}>
          {head.author.name}
          {head.author.verified ? <Text className="dm-head__badge">认证</Text> : null}
        </Text>
        {head.conversation ? (
          <Text className="dm-head__action" data-testid="dm-block" onClick={() => void toggleBlock()}>
            {blocked ? '取消屏蔽' : '屏蔽'}
          </Text>
        ) : null}
      </View>
      {blocked ? (
        <Text className="dm-notice" data-testid="dm-blocked">
          你已屏蔽该作者，对方无法给你发私信
        </Text>
      ) : null}
      <ScrollView
        className="dm-list"
        scrollY
        scrollIntoView={scrollTo}
        upperThreshold={40}
        onScrollToUpper={scrolledUp}
      >
        {chat.hasOlder ? (
          <Text className="dm-older" data-testid="dm-older" onClick={() => void chat.loadOlder()}>
            {chat.loadingOlder ? '加载中…' : '查看更早的消息'}
          </Text>
        ) : null}
        {chat.bubbles.length === 0 ? (
          <View className="dm-empty" data-testid="dm-empty">
            <Text className="dm-empty__title">还没有私信</Text>
            <Text className="dm-empty__hint">
              {userId === null ? '登录后即可给作者发私信' : `有问题想请教${head.author.name}？在下面写下来吧`}
            </Text>
          </View>
        ) : (
          chat.bubbles.map((bubble) => (
            <BubbleView key={bubble.key} bubble={bubble} onRetry={(key) => void chat.retry(key)} />
          ))
        )}
      </ScrollView>
      <Composer onSend={send} disabled={blocked} />
      <LoginSheet hint="登录后即可给作者发私信" />
    </View>
  )
}
