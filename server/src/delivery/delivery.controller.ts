import { Controller } from '@nestjs/common'
import type { DeliveryParams, SubscribeAnswers } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { GrantsService } from './grants.service'
import { OutboxService } from './outbox.service'

/** Subscribe-message grants (the reader's send credits) and, for editors, how deliveries stand. */
@Controller()
export class DeliveryController {
  constructor(
    private readonly grants: GrantsService,
    private readonly outbox: OutboxService,
  ) {}

  @Route('mySubscriptions')
  mine(@CurrentUser() user: User) {
    return this.grants.mine(user.id)
  }

  @Route('recordSubscriptions')
  record(@CurrentUser() user: User, @ContractBody('recordSubscriptions') body: SubscribeAnswers) {
    return this.grants.record(user.id, body)
  }

  @Route('editorDeliveries')
  stats(@ContractParams('editorDeliveries') params: DeliveryParams) {
    return this.outbox.stats(params)
  }
}
