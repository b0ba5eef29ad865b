import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  ContentErrors,
  DELETED_USER_NAME,
  MessageErrors,
  ModerationErrors,
  type AuthorConversation,
  type ConversationListQuery,
  type ConversationPage,
  type ConversationView,
  type EditorConversationPage,
  type EditorConversationQuery,
  type EditorConversationView,
  type MessageInput,
  type MessagePage,
  type MessageReader,
  type MessageSide,
  type MessageView,
  type PendingMessagePage,
  type SentMessage,
} from '@chuangan/shared'
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, toInt } from '../common/db'
import { keysetPage } from '../common/keyset'
import { Author } from '../content/author.entity'
import { authorRef } from '../content/views'
import { lockConversations, lockUser } from '../database/locks'
import { Transactions } from '../database/transactions'
import { ContentCheckService, labelName } from '../moderation/content-check.service'
import { displayName } from '../users/display-name'
import { User } from '../users/user.entity'
import { Conversation, PrivateMessage } from './message.entity'

/** Statuses both parties see; the sender's side also sees its own pending and rejected messages. */
const SHARED_STATUSES = ['published', 'deleted'] as const
const OWN_STATUSES = ['pending', 'rejected'] as const

const other = (side: MessageSide): MessageSide => (side === 'reader' ? 'author' : 'reader')

/**
 * 私信: one conversation per (reader, author) pair. The reader's side is the user who wrote first; the author's side
 * is the author's linked account (`author.userId`) or, for an author without one, the editors. Nobody else can read
 * a conversation: every other caller gets CONVERSATION_NOT_FOUND, as for a missing one.
 *
 * Every write locks the writer's user row, then the conversation (database/locks.ts), changes messages and sets the
 * conversation's list keys and unread counts from the rows (`refreshConversations`), never by ±1. Text is checked
 * like comments (our word filter + WeChat's msg_sec_check): review → pending (审核中, only the sender's side sees it
 * until an editor publishes it), risky → 422.
 */
@Injectable()
export class MessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly checks: ContentCheckService,
  ) {}

  // ——— the reader's side ———

  /** 我的私信: my conversations, newest activity first. */
  async mine(userId: number, query: ConversationListQuery): Promise<ConversationPage> {
    const qb = this.conversations()
      .where('c.userId = :userId', { userId: bindKey(userId) })
      .andWhere('c.readerLastId IS NOT NULL')
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'conversations',
      key: { column: 'c.readerLastId', kind: 'integer', of: (c) => c.readerLastId! },
      id: { column: 'c.id', of: (c) => c.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.readerViews(items), nextCursor }
  }

  /** Unread messages across a user's conversations as the reader (the 我的 tab badge). */
  async unreadCount(userId: number): Promise<number> {
    const row = await this.conversations()
      .select('SUM(c.readerUnread)', 'unread')
      .where('c.userId = :userId', { userId: bindKey(userId) })
      .getRawOne<{ unread: unknown }>()
    return toInt(row?.unread)
  }

  /** The author and my conversation with them (null before I write). */
  async withAuthor(userId: number, authorId: number): Promise<AuthorConversation> {
    const author = await this.db.getRepository(Author).findOneBy({ id: authorId })
    if (!author) throw AppError.of(ContentErrors.AUTHOR_NOT_FOUND)
    const conversation = await this.db.getRepository(Conversation).findOneBy({ userId, authorId })
    return {
      author: authorRef(author),
      conversation: conversation ? (await this.readerViews([conversation]))[0] : null,
    }
  }

  async readerMessages(userId: number, id: number, query: ConversationListQuery): Promise<MessagePage> {
    const conversation = await this.readerConversation(userId, id)
    return this.messagesOf(conversation, 'reader', query)
  }

  /**
   * Writes to an author: starts the conversation or continues it. Checked before the transaction (the content check
   * may call WeChat; no lock is held meanwhile), then again under the locks (blocks set meanwhile).
   */
  async send(user: User, authorId: number, input: MessageInput, now = new Date()): Promise<SentMessage> {
    const author = await this.db.getRepository(Author).findOneBy({ id: authorId })
    if (!author) throw AppError.of(ContentErrors.AUTHOR_NOT_FOUND)
    if (author.userId === user.id) throw AppError.of(MessageErrors.MESSAGE_TO_SELF)
    const existing = await this.db.getRepository(Conversation).findOneBy({ userId: user.id, authorId })
    if (existing) assertCanWrite(existing, 'reader')
    const status = await this.checkText(user, input.content)

    // The pair's conversation is made in a transaction of its own, under the reader's user row (so once), and the
    // message written in the next: there, the conversation's lock is taken before any plain read (see `refresh`).
    const conversationId = existing?.id ?? (await this.conversationFor(user.id, authorId, now))
    const saved = await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      const [conversation] = await lockConversations<Conversation>(em, [conversationId])
      return this.write(em, conversation, 'reader', user.id, input.content, status.status, status.label, now)
    })
    return { conversationId: saved.conversationId, message: messageView(saved, 'reader') }
  }

  /** The reader's conversation with an author, made when missing (an empty one is listed nowhere). */
  private conversationFor(userId: number, authorId: number, now: Date): Promise<number> {
    return this.transactions.run(async (em) => {
      await lockUser(em, userId)
      const found = await em.findOne(Conversation, { select: { id: true }, where: { userId, authorId } })
      if (found) return found.id
      const made = await em.save(
        em.create(Conversation, {
          userId,
          authorId,
          readerLastId: null,
          authorLastId: null,
          readerReadId: 0,
          authorReadId: 0,
          readerUnread: 0,
          authorUnread: 0,
          readerBlocked: false,
          authorBlocked: false,
          createdAt: now,
          updatedAt: now,
        }),
      )
      return made.id
    })
  }

  /** Marks my conversation read; answers my unread count across all conversations. */
  async readerRead(userId: number, id: number): Promise<{ unread: number }> {
    await this.readerConversation(userId, id)
    await this.transactions.run(async (em) => {
      await lockUser(em, userId)
      await lockConversations(em, [id])
      await markRead(em, id, 'reader')
    })
    return { unread: await this.unreadCount(userId) }
  }

  /** 屏蔽 on or off: the author's side cannot write to me while on. */
  async readerBlock(userId: number, id: number, blocked: boolean, now = new Date()): Promise<ConversationView> {
    await this.readerConversation(userId, id)
    await this.transactions.run(async (em) => {
      await lockUser(em, userId)
      await lockConversations(em, [id])
      await em.update(Conversation, { id }, { readerBlocked: blocked, updatedAt: now })
    })
    return (await this.readerViews([await this.readerConversation(userId, id)]))[0]
  }

  // ——— the author's side (editor API) ———

  /** The author side's conversations, newest activity first: an author account's own; editors' for staff authors. */
  async authorList(user: User, query: EditorConversationQuery): Promise<EditorConversationPage> {
    const qb = this.conversations().where('c.authorLastId IS NOT NULL')
    qb.andWhere(
      `c.authorId IN ${qb
        .subQuery()
        .select('a.id')
        .from(Author, 'a')
        .where(user.role === 'editor' ? '(a.userId IS NULL OR a.userId = :me)' : 'a.userId = :me')
        .getQuery()}`,
      { me: bindKey(user.id) },
    )
    if (query.authorId) qb.andWhere('c.authorId = :authorId', { authorId: bindKey(query.authorId) })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'answers',
      key: { column: 'c.authorLastId', kind: 'integer', of: (c) => c.authorLastId! },
      id: { column: 'c.id', of: (c) => c.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.authorViews(items), nextCursor }
  }

  async authorMessages(user: User, id: number, query: ConversationListQuery): Promise<MessagePage> {
    const conversation = await this.authorConversation(user, id)
    return this.messagesOf(conversation, 'author', query)
  }

  /** Answers a reader as the author: checked like the reader's messages; refused once the reader's account is gone. */
  async answer(user: User, id: number, input: MessageInput, now = new Date()): Promise<MessageView> {
    const conversation = await this.authorConversation(user, id)
    await this.assertReaderPresent(conversation.userId)
    assertCanWrite(conversation, 'author')
    const status = await this.checkText(user, input.content)
    const saved = await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      const [locked] = await lockConversations<Conversation>(em, [id])
      await this.assertReaderPresent(locked.userId, em)
      return this.write(em, locked, 'author', user.id, input.content, status.status, status.label, now)
    })
    return messageView(saved, 'author')
  }

  async authorRead(user: User, id: number): Promise<EditorConversationView> {
    await this.authorConversation(user, id)
    await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      await lockConversations(em, [id])
      await markRead(em, id, 'author')
    })
    return (await this.authorViews([await this.authorConversation(user, id)]))[0]
  }

  async authorBlock(user: User, id: number, blocked: boolean, now = new Date()): Promise<EditorConversationView> {
    await this.authorConversation(user, id)
    await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      await lockConversations(em, [id])
      await em.update(Conversation, { id }, { authorBlocked: blocked, updatedAt: now })
    })
    return (await this.authorViews([await this.authorConversation(user, id)]))[0]
  }

  // ——— editors' review ———

  /** Messages held for review (审核中), oldest first, with both parties and the check's label. */
  async pending(query: ConversationListQuery): Promise<PendingMessagePage> {
    const qb = this.db
      .getRepository(PrivateMessage)
      .createQueryBuilder('m')
      .where('m.status = :status', { status: 'pending' })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'pending',
      key: { column: 'm.id', kind: 'integer', of: (m) => m.id },
      id: { column: 'm.id', of: (m) => m.id },
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    })
    const conversations = items.length
      ? await this.db.getRepository(Conversation).findBy({ id: In(items.map((m) => m.conversationId)) })
      : []
    const views = new Map((await this.authorViews(conversations)).map((v) => [v.id, v]))
    return {
      items: items.flatMap((m) => {
        const view = views.get(m.conversationId)
        if (!view) return []
        return [
          { message: messageView(m, m.sender), author: view.author, reader: view.reader, checkLabel: m.checkLabel },
        ]
      }),
      nextCursor,
    }
  }

  /** Publishes (the other party sees it, unread) or rejects (only its sender's side sees it) a held message. */
  async review(id: number, verdict: 'published' | 'rejected'): Promise<MessageView> {
    const found = await this.db.getRepository(PrivateMessage).findOneBy({ id })
    if (!found || found.status === 'deleted') throw AppError.of(MessageErrors.MESSAGE_NOT_FOUND)
    const saved = await this.transactions.run(async (em) => {
      await lockConversations(em, [found.conversationId])
      const current = await em.findOneBy(PrivateMessage, { id })
      if (!current || current.status === 'deleted') throw AppError.of(MessageErrors.MESSAGE_NOT_FOUND)
      if (current.status !== 'pending') throw AppError.of(MessageErrors.MESSAGE_NOT_PENDING)
      await em.update(PrivateMessage, { id }, { status: verdict })
      await refreshConversations(em, [current.conversationId])
      return { ...current, status: verdict }
    })
    return messageView(saved, saved.sender)
  }

  // ——— account deletion ———

  /**
   * Inside account deletion's transaction (which holds the user row, then articles and followed rows): locks the
   * account's conversations, removes the text of every message it wrote (published ones stay as placeholders, held
   * ones go), and sets the conversations' keys and counts from what is left.
   */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    const asReader = await em.find(Conversation, { select: { id: true }, where: { userId } })
    const written = await em
      .createQueryBuilder(PrivateMessage, 'm')
      .select('DISTINCT m.conversationId', 'conversationId')
      .where('m.senderUserId = :userId', { userId: bindKey(userId) })
      .getRawMany<{ conversationId: unknown }>()
    const ids = [...asReader.map((c) => c.id), ...written.map((r) => Number(r.conversationId))]
    if (!ids.length) return
    await lockConversations(em, ids)
    await em.delete(PrivateMessage, { senderUserId: userId, status: In([...OWN_STATUSES]) })
    await em.update(
      PrivateMessage,
      { senderUserId: userId, status: In([...SHARED_STATUSES]) },
      { content: '', status: 'deleted', checkLabel: null },
    )
    // This transaction read other tables before taking these locks: on MariaDB its snapshot may predate a message
    // committed meanwhile, so the counts come from the UPDATE's own reads of the latest rows.
    await refreshFromLatest(em, ids)
  }

  // ——— helpers ———

  private conversations(): SelectQueryBuilder<Conversation> {
    return this.db.getRepository(Conversation).createQueryBuilder('c')
  }

  /** My conversation as its reader; CONVERSATION_NOT_FOUND for anyone else. */
  private async readerConversation(userId: number, id: number): Promise<Conversation> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id })
    if (!conversation || conversation.userId !== userId) throw AppError.of(MessageErrors.CONVERSATION_NOT_FOUND)
    return conversation
  }

  /**
   * A conversation the caller may hold as the author's side: the author's linked account, or an editor when the
   * author has none. CONVERSATION_NOT_FOUND for anyone else (another author, an editor on a linked author's mail).
   */
  private async authorConversation(user: User, id: number): Promise<Conversation> {
    const conversation = await this.db.getRepository(Conversation).findOneBy({ id })
    const author = conversation ? await this.db.getRepository(Author).findOneBy({ id: conversation.authorId }) : null
    const holds = author && (author.userId === null ? user.role === 'editor' : author.userId === user.id)
    if (!conversation || !holds) throw AppError.of(MessageErrors.CONVERSATION_NOT_FOUND)
    return conversation
  }

  private async assertReaderPresent(userId: number, em: EntityManager = this.db.manager): Promise<void> {
    const reader = await em.findOne(User, { select: { id: true, deletedAt: true }, where: { id: userId } })
    if (!reader || reader.deletedAt) throw AppError.of(MessageErrors.RECIPIENT_GONE)
  }

  private async checkText(
    user: User,
    text: string,
  ): Promise<{ status: 'published' | 'pending'; label: number | null }> {
    const check = await this.checks.check({ openid: user.openid, text, scene: 2 })
    if (check.verdict === 'risky') {
      throw AppError.of(ModerationErrors.CONTENT_REJECTED, {
        params: { kind: labelName(check.label) },
        field: 'body.content',
      })
    }
    return check.verdict === 'review' ? { status: 'pending', label: check.label } : { status: 'published', label: null }
  }

  /** Under the writer's and the conversation's locks: checks the blocks again, inserts, refreshes. */
  private async write(
    em: EntityManager,
    conversation: Conversation,
    side: MessageSide,
    senderUserId: number,
    content: string,
    status: 'published' | 'pending',
    checkLabel: number | null,
    now: Date,
  ): Promise<PrivateMessage> {
    assertCanWrite(conversation, side)
    const message = await em.save(
      em.create(PrivateMessage, {
        conversationId: conversation.id,
        sender: side,
        senderUserId,
        content,
        status,
        checkLabel,
        createdAt: now,
      }),
    )
    await em.update(Conversation, { id: conversation.id }, { updatedAt: now })
    await refreshConversations(em, [conversation.id])
    return message
  }

  private async messagesOf(
    conversation: Conversation,
    side: MessageSide,
    query: ConversationListQuery,
  ): Promise<MessagePage> {
    const qb = this.db
      .getRepository(PrivateMessage)
      .createQueryBuilder('m')
      .where('m.conversationId = :conversationId', { conversationId: bindKey(conversation.id) })
      .andWhere(
        new Brackets((w) =>
          w
            .where('m.status IN (:...shared)', { shared: [...SHARED_STATUSES] })
            .orWhere('m.status IN (:...own) AND m.sender = :side', { own: [...OWN_STATUSES], side }),
        ),
      )
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'messages',
      key: { column: 'm.id', kind: 'integer', of: (m) => m.id },
      id: { column: 'm.id', of: (m) => m.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: items.map((m) => messageView(m, side)), nextCursor }
  }

  private async lastMessages(ids: Array<number | null>): Promise<Map<number, PrivateMessage>> {
    const wanted = ids.filter((id): id is number => id !== null)
    if (!wanted.length) return new Map()
    const rows = await this.db.getRepository(PrivateMessage).findBy({ id: In(wanted) })
    return new Map(rows.map((m) => [m.id, m]))
  }

  private async authorsOf(conversations: Conversation[]): Promise<Map<number, Author>> {
    const ids = [...new Set(conversations.map((c) => c.authorId))]
    if (!ids.length) return new Map()
    return new Map((await this.db.getRepository(Author).findBy({ id: In(ids) })).map((a) => [a.id, a]))
  }

  private async readerViews(conversations: Conversation[]): Promise<ConversationView[]> {
    const [authors, last] = await Promise.all([
      this.authorsOf(conversations),
      this.lastMessages(conversations.map((c) => c.readerLastId)),
    ])
    return conversations.flatMap((c) => {
      const author = authors.get(c.authorId)
      if (!author) return []
      const lastMessage = c.readerLastId !== null ? last.get(c.readerLastId) : undefined
      return [
        {
          id: c.id,
          author: authorRef(author),
          lastMessage: lastMessage ? messageView(lastMessage, 'reader') : null,
          unread: c.readerUnread,
          blocked: c.readerBlocked,
        },
      ]
    })
  }

  private async authorViews(conversations: Conversation[]): Promise<EditorConversationView[]> {
    const readerIds = [...new Set(conversations.map((c) => c.userId))]
    const [authors, last, readers] = await Promise.all([
      this.authorsOf(conversations),
      this.lastMessages(conversations.map((c) => c.authorLastId)),
      readerIds.length
        ? this.db.getRepository(User).find({
            select: { id: true, nickname: true, avatarUrl: true, deletedAt: true },
            where: { id: In(readerIds) },
          })
        : [],
    ])
    const readerById = new Map(readers.map((u) => [u.id, u]))
    return conversations.flatMap((c) => {
      const author = authors.get(c.authorId)
      if (!author) return []
      const lastMessage = c.authorLastId !== null ? last.get(c.authorLastId) : undefined
      return [
        {
          id: c.id,
          author: authorRef(author),
          reader: readerOf(readerById.get(c.userId)),
          lastMessage: lastMessage ? messageView(lastMessage, 'author') : null,
          unread: c.authorUnread,
          blocked: c.authorBlocked,
        },
      ]
    })
  }
}

function assertCanWrite(conversation: Pick<Conversation, 'readerBlocked' | 'authorBlocked'>, side: MessageSide): void {
  const blockedByOther = side === 'reader' ? conversation.authorBlocked : conversation.readerBlocked
  const blockedByMe = side === 'reader' ? conversation.readerBlocked : conversation.authorBlocked
  if (blockedByOther) throw AppError.of(MessageErrors.MESSAGE_BLOCKED)
  if (blockedByMe) throw AppError.of(MessageErrors.MESSAGE_YOU_BLOCKED)
}

function messageView(m: PrivateMessage, side: MessageSide): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    sender: m.sender,
    mine: m.sender === side,
    content: m.status === 'deleted' ? '' : m.content,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  }
}

function readerOf(user: Pick<User, 'id' | 'nickname' | 'avatarUrl' | 'deletedAt'> | undefined): MessageReader {
  if (!user || user.deletedAt) return { userId: null, name: DELETED_USER_NAME, avatar: null, deleted: true }
  return { userId: user.id, name: displayName(user), avatar: user.avatarUrl, deleted: false }
}

/**
 * Sets each conversation's list keys and unread counts from its messages, inside the caller's transaction, which
 * holds the conversations' locks and has made no plain read before taking them: every message write takes its
 * conversation's lock, so a plain read after it sees every message (on MariaDB, REPEATABLE READ's snapshot is taken
 * at a transaction's first plain read). Plain reads take no locks: writers of different conversations never wait
 * for each other here (the UPDATE-with-subquery form below takes shared next-key locks on MariaDB, and two writers
 * of neighbouring conversations deadlocked on them).
 */
async function refreshConversations(em: EntityManager, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)]
  if (!unique.length) return
  const visibleTo = (side: MessageSide) =>
    `(m.status IN ('published', 'deleted') OR (m.status IN ('pending', 'rejected') AND m.sender = '${side}'))`
  const unread = (side: MessageSide) =>
    `SUM(CASE WHEN m.sender = '${other(side)}' AND m.status = 'published' AND m.id > c.${side}ReadId THEN 1 ELSE 0 END)`
  const rows = await em
    .createQueryBuilder(Conversation, 'c')
    .leftJoin(PrivateMessage, 'm', 'm.conversationId = c.id')
    .select('c.id', 'id')
    .addSelect(`MAX(CASE WHEN ${visibleTo('reader')} THEN m.id END)`, 'readerLastId')
    .addSelect(`MAX(CASE WHEN ${visibleTo('author')} THEN m.id END)`, 'authorLastId')
    .addSelect(unread('reader'), 'readerUnread')
    .addSelect(unread('author'), 'authorUnread')
    .where('c.id IN (:...ids)', { ids: unique.map(bindKey) })
    .groupBy('c.id')
    .getRawMany<Record<'id' | 'readerLastId' | 'authorLastId' | 'readerUnread' | 'authorUnread', unknown>>()
  const idOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value))
  for (const row of rows) {
    await em.update(
      Conversation,
      { id: Number(row.id) },
      {
        readerLastId: idOrNull(row.readerLastId),
        authorLastId: idOrNull(row.authorLastId),
        readerUnread: toInt(row.readerUnread),
        authorUnread: toInt(row.authorUnread),
      },
    )
  }
}

/**
 * The same as `refreshConversations`, in one UPDATE whose subqueries read the latest rows even under MariaDB's
 * REPEATABLE READ (as `recount` in database/locks.ts): for account deletion, whose transaction reads other tables
 * before it locks the conversations. Its reads lock on MariaDB; no other writer of messages takes such locks, so
 * no cycle can form.
 */
async function refreshFromLatest(em: EntityManager, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)]
  if (!unique.length) return
  const q = (name: string) => em.connection.driver.escape(name)
  const c = (column: string) => `${q('conversation')}.${q(column)}`
  const m = (column: string) => `m.${q(column)}`
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')
  const ofThis = `${m('conversationId')} = ${c('id')}`
  const visibleTo = (side: MessageSide) =>
    `(${m('status')} IN (${list(SHARED_STATUSES)}) OR (${m('status')} IN (${list(OWN_STATUSES)}) AND ${m('sender')} = '${side}'))`
  const last = (side: MessageSide) => () =>
    `(SELECT MAX(${m('id')}) FROM ${q('private_message')} m WHERE ${ofThis} AND ${visibleTo(side)})`
  const unread = (side: MessageSide) => () =>
    `(SELECT COUNT(*) FROM ${q('private_message')} m WHERE ${ofThis} AND ${m('sender')} = '${other(side)}'` +
    ` AND ${m('status')} = 'published' AND ${m('id')} > ${c(`${side}ReadId`)})`
  await em
    .createQueryBuilder()
    .update('conversation')
    .set({
      readerLastId: last('reader'),
      authorLastId: last('author'),
      readerUnread: unread('reader'),
      authorUnread: unread('author'),
    })
    .where('id IN (:...ids)', { ids: unique.map(bindKey) })
    .execute()
}

/** One side has read up to the newest message it can see; its unread count follows. */
async function markRead(em: EntityManager, id: number, side: MessageSide): Promise<void> {
  await refreshConversations(em, [id])
  const q = (name: string) => em.connection.driver.escape(name)
  await em
    .createQueryBuilder()
    .update('conversation')
    .set({ [`${side}ReadId`]: () => `COALESCE(${q(`${side}LastId`)}, 0)` })
    .where('id = :id', { id: bindKey(id) })
    .execute()
  await refreshConversations(em, [id])
}
