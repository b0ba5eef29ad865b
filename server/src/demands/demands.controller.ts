import { Controller } from '@nestjs/common'
import type {
  DemandAnswerInput,
  DemandInput,
  DemandListQuery,
  DemandParams,
  DemandProductsQuery,
} from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { DemandsService } from './demands.service'

/** 求购, the buyer's side (any signed-in user) and the supplier's inbox (supplier accounts). */
@Controller()
export class DemandsController {
  constructor(private readonly demands: DemandsService) {}

  @Route('postDemand')
  @RateLimit('demand')
  post(@CurrentUser() user: User, @ContractBody('postDemand') body: DemandInput) {
    return this.demands.post(user, body)
  }

  @Route('myDemands')
  list(@CurrentUser() user: User, @ContractQuery('myDemands') query: DemandListQuery) {
    return this.demands.list(user.id, query)
  }

  @Route('myDemand')
  one(@CurrentUser() user: User, @ContractParams('myDemand') { id }: DemandParams) {
    return this.demands.mine(user.id, id)
  }

  @Route('myDemandProducts')
  products(
    @CurrentUser() user: User,
    @ContractParams('myDemandProducts') { id }: DemandParams,
    @ContractQuery('myDemandProducts') query: DemandProductsQuery,
  ) {
    return this.demands.products(user.id, id, query)
  }

  @Route('closeDemand')
  close(@CurrentUser() user: User, @ContractParams('closeDemand') { id }: DemandParams) {
    return this.demands.close(user.id, id)
  }

  @Route('supplierDemands')
  inbox(@CurrentUser() user: User, @ContractQuery('supplierDemands') query: DemandListQuery) {
    return this.demands.inbox(user, query)
  }

  @Route('supplierDemand')
  sent(@CurrentUser() user: User, @ContractParams('supplierDemand') { id }: DemandParams) {
    return this.demands.sent(user, id)
  }

  @Route('answerDemand')
  @RateLimit('demand')
  answer(
    @CurrentUser() user: User,
    @ContractParams('answerDemand') { id }: DemandParams,
    @ContractBody('answerDemand') body: DemandAnswerInput,
  ) {
    return this.demands.answer(user, id, body)
  }
}
