import { defineErrors } from './define'

/** 求购: buyers' demands matched to the suppliers whose products fit them (docs/demands.md). */
export const DemandErrors = defineErrors({
  /** No such demand, or not the caller's (a buyer's own; a supplier's matched one): the same answer either way. */
  DEMAND_NOT_FOUND: { status: 404, message: '求购不存在' },
  /** The deadline is not ahead of now, or too far ahead. */
  DEMAND_DEADLINE_INVALID: { status: 400, message: '截止时间须晚于现在且不超过 180 天' },
  /** Closed by the buyer or past its deadline: no more answers, no change. */
  DEMAND_CLOSED: { status: 409, message: '该求购已截止或已关闭' },
  /** A supplier answers a demand once. */
  DEMAND_ANSWERED: { status: 409, message: '你已回复过该求购' },
})
