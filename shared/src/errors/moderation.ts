import { defineErrors } from './define'

/** The content check (our word filter and WeChat's msg_sec_check) on what readers write. */
export const ModerationErrors = defineErrors({
  /** Refused (risky): `{kind}` is what was found (广告, 违法犯罪, …, or 违规). Review verdicts are not errors. */
  CONTENT_REJECTED: { status: 422, message: '内容含有{kind}信息，请修改后再提交' },
})
