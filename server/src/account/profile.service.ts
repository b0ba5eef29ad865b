import { Injectable, Logger } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { ProfileErrors, type Me } from '@chuangan/shared'
import { Repository } from 'typeorm'
import { toMe } from '../auth/auth.service'
import { AppError } from '../common/app-error'
import { CommentsService } from '../comments/comments.service'
import { lockUser } from '../database/locks'
import { Transactions } from '../database/transactions'
import { ContentCheckService, labelName } from '../moderation/content-check.service'
import { contentKey, FileStore } from '../storage/file-store'
import type { UploadedFile } from '../storage/upload'
import { User } from '../users/user.entity'

/**
 * What a reader changes about themselves: nickname (checked) and avatar (stored through the file store). Both are
 * shown on the reader's comments, so the cached comment pages that show them go.
 */
@Injectable()
export class ProfileService {
  private readonly logger = new Logger(ProfileService.name)

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly contentCheck: ContentCheckService,
    private readonly store: FileStore,
    private readonly comments: CommentsService,
  ) {}

  /** A nickname is shown to everyone: anything but a clean pass of the content check is refused. */
  async setNickname(user: User, nickname: string): Promise<Me> {
    const check = await this.contentCheck.check({ openid: user.openid, text: nickname, scene: 1 })
    if (check.verdict !== 'pass') {
      const details = [{ path: 'body.nickname', message: `content check: ${check.verdict}` }]
      throw check.verdict === 'risky'
        ? AppError.of(ProfileErrors.NICKNAME_REJECTED, { params: { kind: labelName(check.label) }, details })
        : AppError.of(ProfileErrors.NICKNAME_NOT_APPROVED, { details })
    }
    await this.transactions.run((em) => em.update(User, { id: user.id }, { nickname }))
    await this.comments.userChanged(user.id)
    return toMe(await this.users.findOneByOrFail({ id: user.id }))
  }

  /** Stores a new avatar under a content-hashed name, points the user at it, then removes the old file. */
  async setAvatar(user: User, file: UploadedFile): Promise<Me> {
    const url = await this.store.put(
      contentKey('user-avatars', user.id, file.data, file.extension),
      file.data,
      file.type,
    )
    let previous: string | null
    try {
      previous = await this.transactions.run(async (em) => {
        // Locked, so two uploads at once each remove the file the other replaced, and none is left behind.
        const current = await lockUser<Pick<User, 'id' | 'avatarUrl'>>(em, user.id, ['id', 'avatarUrl'])
        await em.update(User, { id: user.id }, { avatarUrl: url })
        return current.avatarUrl
      })
    } catch (error) {
      // Not taken: the new file goes again (unless it is the avatar already, the same bytes uploaded twice).
      if (user.avatarUrl !== url) await this.removeStored(url)
      throw error
    }
    await this.comments.userChanged(user.id)
    if (previous && previous !== url) await this.removeStored(previous)
    return toMe(await this.users.findOneByOrFail({ id: user.id }))
  }

  /** Removes a file of ours by its URL (URLs pointing elsewhere are left alone); a failure is logged, not raised. */
  async removeStored(url: string): Promise<void> {
    const key = this.store.keyOf(url)
    if (!key) return
    try {
      await this.store.delete(key)
    } catch (error) {
      this.logger.warn(`could not remove ${key}: ${String(error)}`)
    }
  }
}
