import { Controller } from '@nestjs/common'
import type { InquiryAnswerInput, InquiryInput, InquiryListQuery, InquiryParams, ProductParams } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { InquiriesService } from './inquiries.service'

/** 询价, the buyer's side: any signed-in reader, their own inquiries only. */
@Controller()
export class InquiriesController {
  constructor(private readonly inquiries: InquiriesService) {}

  @Route('createInquiry')
  @RateLimit('inquiry')
  create(
    @CurrentUser() user: User,
    @ContractParams('createInquiry') { id }: ProductParams,
    @ContractBody('createInquiry') body: InquiryInput,
  ) {
    return this.inquiries.create(user, id, body)
  }

  @Route('myInquiries')
  mine(@CurrentUser() user: User, @ContractQuery('myInquiries') query: InquiryListQuery) {
    return this.inquiries.mine(user.id, query)
  }

  @Route('myInquiry')
  one(@CurrentUser() user: User, @ContractParams('myInquiry') { id }: InquiryParams) {
    return this.inquiries.getMine(user.id, id)
  }

  @Route('acceptInquiry')
  accept(@CurrentUser() user: User, @ContractParams('acceptInquiry') { id }: InquiryParams) {
    return this.inquiries.accept(user.id, id)
  }

  @Route('closeMyInquiry')
  close(@CurrentUser() user: User, @ContractParams('closeMyInquiry') { id }: InquiryParams) {
    return this.inquiries.closeMine(user.id, id)
  }
}

/** 询价, the supplier's side (access level `supplier`): inquiries to the caller's own supplier only. */
@Controller()
export class SupplierInquiriesController {
  constructor(private readonly inquiries: InquiriesService) {}

  @Route('supplierInquiries')
  list(@CurrentUser() user: User, @ContractQuery('supplierInquiries') query: InquiryListQuery) {
    return this.inquiries.supplierList(user, query)
  }

  @Route('supplierInquiry')
  one(@CurrentUser() user: User, @ContractParams('supplierInquiry') { id }: InquiryParams) {
    return this.inquiries.supplierGet(user, id)
  }

  @Route('answerInquiry')
  @RateLimit('inquiryAnswer')
  answer(
    @CurrentUser() user: User,
    @ContractParams('answerInquiry') { id }: InquiryParams,
    @ContractBody('answerInquiry') body: InquiryAnswerInput,
  ) {
    return this.inquiries.answer(user, id, body)
  }

  @Route('supplierCloseInquiry')
  close(@CurrentUser() user: User, @ContractParams('supplierCloseInquiry') { id }: InquiryParams) {
    return this.inquiries.supplierClose(user, id)
  }
}
