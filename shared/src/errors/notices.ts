import { defineErrors } from './define'

/** 消息: the in-app notices of a signed-in reader. */
export const NoticeErrors = defineErrors({
  /** No notice with that id, or not the caller's (the same answer either way). */
  NOTICE_NOT_FOUND: { status: 404, message: '消息不存在' },
})
