import { defineErrors } from './define'

/** Subscribe-message grants and deliveries. */
export const SubscriptionErrors = defineErrors({
  /** A template id the server does not send (not configured). */
  UNKNOWN_TEMPLATE: { status: 400, message: '不支持的订阅消息模板' },
  /** No article or periodical issue with that id. */
  DELIVERY_SUBJECT_NOT_FOUND: { status: 404, message: '文章或期刊不存在' },
})
