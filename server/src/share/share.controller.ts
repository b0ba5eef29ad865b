import { Controller, Req, Res } from '@nestjs/common'
import type { OpenRecorded, RecordOpenInput, RecordShareInput, ShareRecorded, ShareStats } from '@chuangan/shared'
import type { FastifyReply } from 'fastify'
import { WantsViewer } from '../common/access'
import type { AuthedRequest } from '../auth/auth.guard'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, Route } from '../common/contract'
import { readerKey } from '../content/reader-key'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { ShareStatsService } from './share-stats.service'
import { SharesService } from './shares.service'

type IdParam = { id: number }

/** Recording shares and the opens they bring (readers), and how things spread (authors and editors). */
@Controller()
export class ShareController {
  constructor(
    private readonly shares: SharesService,
    private readonly stats: ShareStatsService,
  ) {}

  /** 201 when the share was recorded; 200 with the unchanged count for a repeat the same day (nothing stored). */
  @Route('recordShare')
  @RateLimit('share')
  async share(
    @CurrentUser() user: User,
    @ContractBody('recordShare') body: RecordShareInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShareRecorded> {
    const { shares, created } = await this.shares.recordShare(user.id, body)
    if (!created) void reply.status(200)
    return { shares }
  }

  /** Public: anyone may arrive from a share; a signed-in reader is known (own shares do not count). */
  @Route('recordShareOpen')
  @WantsViewer()
  @RateLimit('share')
  open(@ContractBody('recordShareOpen') body: RecordOpenInput, @Req() request: AuthedRequest): Promise<OpenRecorded> {
    return this.shares.recordOpen(body, { key: readerKey(request), userId: request.user?.id ?? null })
  }

  @Route('editorArticleShares')
  articleShares(
    @CurrentUser() user: User,
    @ContractParams('editorArticleShares') { id }: IdParam,
  ): Promise<ShareStats> {
    return this.stats.article(user, id)
  }

  @Route('editorAuthorShares')
  authorShares(@CurrentUser() user: User, @ContractParams('editorAuthorShares') { id }: IdParam): Promise<ShareStats> {
    return this.stats.author(user, id)
  }
}
