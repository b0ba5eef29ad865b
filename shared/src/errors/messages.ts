import { defineErrors } from './define'

/** 私信: conversations between a reader and an author, and the editors' review of flagged messages. */
export const MessageErrors = defineErrors({
  /** No such conversation, or the caller is not one of its two parties (the same answer either way). */
  CONVERSATION_NOT_FOUND: { status: 404, message: '会话不存在' },
  /** The other party blocked the sender (屏蔽). */
  MESSAGE_BLOCKED: { status: 403, message: '对方已设置不接收你的私信' },
  /** The sender blocked the other party: unblock first. */
  MESSAGE_YOU_BLOCKED: { status: 409, message: '你已屏蔽对方，取消屏蔽后才能发送私信' },
  /** Writing to the author row one writes as. */
  MESSAGE_TO_SELF: { status: 409, message: '不能给自己发私信' },
  /** The reader deleted the account: nobody to answer. */
  RECIPIENT_GONE: { status: 409, message: '对方账号已注销，无法发送私信' },
  /** Review: no such message. */
  MESSAGE_NOT_FOUND: { status: 404, message: '私信不存在' },
  /** Review: the message is not waiting for review (already published or rejected). */
  MESSAGE_NOT_PENDING: { status: 409, message: '该私信不在审核中' },
})
