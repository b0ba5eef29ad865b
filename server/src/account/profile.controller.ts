import { Controller, Req } from '@nestjs/common'
import { routes, type DeleteAccountInput, type ProfileInput } from '@chuangan/shared'
import type { FastifyRequest } from 'fastify'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, Route } from '../common/contract'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import { readUpload } from '../storage/upload'
import { AccountService } from './account.service'
import { ProfileService } from './profile.service'
import type { User } from '../users/user.entity'

/** 我的: nickname, avatar, deleting the account. */
@Controller()
export class ProfileController {
  constructor(
    private readonly profile: ProfileService,
    private readonly account: AccountService,
  ) {}

  @Route('updateProfile')
  @RateLimit('profile')
  update(@CurrentUser() user: User, @ContractBody('updateProfile') body: ProfileInput) {
    return this.profile.setNickname(user, body.nickname)
  }

  @Route('uploadAvatar')
  @RateLimit('profile')
  async uploadAvatar(@CurrentUser() user: User, @Req() request: FastifyRequest) {
    const file = await readUpload(request, routes.uploadAvatar.upload)
    return this.profile.setAvatar(user, file)
  }

  @Route('deleteAccount')
  async deleteAccount(@CurrentUser() user: User, @ContractBody('deleteAccount') _confirmed: DeleteAccountInput) {
    await this.account.delete(user.id)
    return { ok: true as const }
  }
}
