import { defineErrors } from './define'

/** What readers change about themselves. A nickname is shown to everyone: only a clean content check passes. */
export const ProfileErrors = defineErrors({
  /** The content check found `{kind}` (广告, 辱骂, …) in the nickname. */
  NICKNAME_REJECTED: { status: 422, message: '昵称含有{kind}信息，请修改后再提交' },
  /** The content check would send it to review: a nickname cannot wait for one. */
  NICKNAME_NOT_APPROVED: { status: 422, message: '昵称未通过内容安全检查，请换一个' },
})
