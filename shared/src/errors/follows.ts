import { defineErrors } from './define'

/** Following authors and columns, subscribing to periodicals. */
export const FollowErrors = defineErrors({
  /** No author, column or periodical with that id. */
  TARGET_NOT_FOUND: { status: 404, message: '要关注的作者、专栏或期刊不存在' },
})
