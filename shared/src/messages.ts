import { z } from 'zod'
import { AuthorRef, Id } from './content'
import { MyListQuery } from './engagement'
import { MESSAGE_MAX_LENGTH } from './limits'

const IsoDate = z.string().describe('ISO 8601 date-time')

/** Which party of a conversation: the reader who wrote to the author, or the author's side (its account or editors). */
export const MESSAGE_SIDES = ['reader', 'author'] as const
export type MessageSide = (typeof MESSAGE_SIDES)[number]

/**
 * published: both parties see it; pending (审核中) and rejected (未通过审核): only the sender's side;
 * deleted: its writer deleted the account, the text is gone (both see a placeholder).
 */
export const MESSAGE_STATUSES = ['published', 'pending', 'rejected', 'deleted'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/** One private message as one party sees it. */
export const MessageView = z.object({
  id: z.number().int(),
  conversationId: z.number().int(),
  /** Who wrote it: the reader, or the author's side. */
  sender: z.enum(MESSAGE_SIDES),
  /** True when the caller's side wrote it (right-hand bubble). */
  mine: z.boolean(),
  /** Empty once deleted. */
  content: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  createdAt: IsoDate,
})
export type MessageView = z.infer<typeof MessageView>

/** The reader of a conversation, as the author's side sees them; a deleted account is 已注销用户 with no id or avatar. */
export const MessageReader = z.object({
  userId: z.number().int().nullable(),
  name: z.string(),
  avatar: z.string().nullable(),
  deleted: z.boolean(),
})
export type MessageReader = z.infer<typeof MessageReader>

/** A conversation in the reader's list (我的私信). */
export const ConversationView = z.object({
  id: z.number().int(),
  author: AuthorRef,
  /** The newest message I can see (mine 审核中 included); null before the first one. */
  lastMessage: MessageView.nullable(),
  /** The author's messages I have not read. */
  unread: z.number().int(),
  /** I blocked the author (屏蔽): the author cannot write to me. */
  blocked: z.boolean(),
})
export type ConversationView = z.infer<typeof ConversationView>

/** A conversation in the author's list (editor API). */
export const EditorConversationView = z.object({
  id: z.number().int(),
  author: AuthorRef,
  reader: MessageReader,
  lastMessage: MessageView.nullable(),
  /** The reader's messages the author's side has not read. */
  unread: z.number().int(),
  /** The author's side blocked the reader. */
  blocked: z.boolean(),
})
export type EditorConversationView = z.infer<typeof EditorConversationView>

export const ConversationParams = z.object({ id: Id })
export type ConversationParams = z.infer<typeof ConversationParams>

export const ConversationListQuery = MyListQuery
export type ConversationListQuery = z.infer<typeof ConversationListQuery>

export const EditorConversationQuery = MyListQuery.extend({
  /** Only this author's conversations. */
  authorId: Id.optional(),
})
export type EditorConversationQuery = z.infer<typeof EditorConversationQuery>

export const ConversationPage = z.object({
  /** Newest activity first. */
  items: z.array(ConversationView),
  nextCursor: z.string().nullable(),
})
export type ConversationPage = z.infer<typeof ConversationPage>

export const EditorConversationPage = z.object({
  items: z.array(EditorConversationView),
  nextCursor: z.string().nullable(),
})
export type EditorConversationPage = z.infer<typeof EditorConversationPage>

/** Newest first: the next page holds older messages. */
export const MessagePage = z.object({
  items: z.array(MessageView),
  nextCursor: z.string().nullable(),
})
export type MessagePage = z.infer<typeof MessagePage>

export const MessageInput = z
  .object({
    content: z.string().trim().min(1, '私信不能为空').max(MESSAGE_MAX_LENGTH, `私信最多 ${MESSAGE_MAX_LENGTH} 字`),
  })
  .strict()
export type MessageInput = z.infer<typeof MessageInput>

/** My conversation with one author (null before I write), for the conversation page opened from the author page. */
export const AuthorConversation = z.object({
  author: AuthorRef,
  conversation: ConversationView.nullable(),
})
export type AuthorConversation = z.infer<typeof AuthorConversation>

/** What a send answers: the message (pending when it waits for review) in its conversation. */
export const SentMessage = z.object({
  conversationId: z.number().int(),
  message: MessageView,
})
export type SentMessage = z.infer<typeof SentMessage>

/** Unread messages across my conversations (the 我的 tab badge). */
export const UnreadCount = z.object({ unread: z.number().int() })
export type UnreadCount = z.infer<typeof UnreadCount>

/** Editors' review queue: messages the content check held (审核中), oldest first. */
export const PendingMessage = z.object({
  message: MessageView,
  author: AuthorRef,
  reader: MessageReader,
  checkLabel: z.number().int().nullable(),
})
export const PendingMessagePage = z.object({
  items: z.array(PendingMessage),
  nextCursor: z.string().nullable(),
})
export type PendingMessagePage = z.infer<typeof PendingMessagePage>

export const MessageIdParams = z.object({ id: Id })
export type MessageIdParams = z.infer<typeof MessageIdParams>
