import Taro from '@tarojs/taro'
import type { MySubscriptions, SubscribeAnswer, SubscribeTopic, SubscriptionTemplate } from '@chuangan/shared'
import { call } from '@/api/client'

// Subscribe messages (订阅消息): after a reader follows or subscribes, WeChat's own prompt asks whether we may send
// one notice of the next new article or issue. WeChat shows it only from a tap, so the prompt is opened in the same
// turn as the tap (ask() must not be called after an await); the templates are fetched beforehand (prefetch()).
// Each accept is one send credit on the server; reject or ban stops the asking. The H5 build has no WeChat: there a
// modal in the same words stands in for the prompt, so the flow can be seen and tested in a browser.

let loaded: { userId: number; templates: SubscriptionTemplate[] } | null = null
let loading: Promise<void> | null = null

/** Fetches the reader's templates once per signed-in user (the follow buttons call it on show). */
export function prefetchSubscriptions(userId: number | null): void {
  if (userId === null) {
    loaded = null
    return
  }
  if (loaded?.userId === userId || loading) return
  loading = call('mySubscriptions')
    .then((answer: MySubscriptions) => {
      loaded = { userId, templates: answer.templates }
    })
    .catch(() => undefined) // no prompt this time; following still works
    .finally(() => {
      loading = null
    })
}

const TOPIC_WORDS: Record<SubscribeTopic, { title: string; content: string }> = {
  article: {
    title: '接收新文章通知？',
    content: '关注的作者或专栏发布新文章时，通过微信服务通知提醒你（每次允许可收到一条）',
  },
  issue: { title: '接收新一期通知？', content: '订阅的期刊出新一期时，通过微信服务通知提醒你（每次允许可收到一条）' },
  inquiry: { title: '接收报价通知？', content: '供应商回复你的询价时，通过微信服务通知提醒你（每次允许可收到一条）' },
}

/**
 * Opens the prompt for a topic when the reader has not refused it; resolves once the answer is recorded. Returns
 * null (and opens nothing) when there is nothing to ask. Call it synchronously from the tap handler.
 */
export function askSubscribe(topic: SubscribeTopic): Promise<void> | null {
  const template = loaded?.templates.find((t) => t.topic === topic)
  if (!template || !template.ask) return null
  const id = template.templateId
  const answered: Promise<Record<string, SubscribeAnswer>> =
    process.env.TARO_ENV === 'weapp'
      ? Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] } as never).then((res) => ({
          [id]: (res as unknown as Record<string, SubscribeAnswer>)[id] ?? 'reject',
        }))
      : Taro.showModal({
          title: TOPIC_WORDS[topic].title,
          content: TOPIC_WORDS[topic].content,
          confirmText: '允许',
          cancelText: '取消',
        }).then((res) => ({ [id]: res.confirm ? 'accept' : 'reject' }))
  return answered
    .then(async (results) => {
      const answer = await call('recordSubscriptions', { body: { results } })
      if (loaded) loaded = { ...loaded, templates: answer.templates }
      if (results[id] === 'accept') void Taro.showToast({ title: '有新内容时通知你', icon: 'none' })
    })
    .catch(() => undefined) // a closed prompt or a failed record: the follow itself stands
}

/** For tests: forget what was fetched. */
export function resetSubscriptions(): void {
  loaded = null
  loading = null
}
