import { defineErrors } from './define'

/** 订阅的搜索: a buyer's saved searches. */
export const SavedSearchErrors = defineErrors({
  /** Missing or another buyer's (the two look the same). */
  SAVED_SEARCH_NOT_FOUND: { status: 404, message: '订阅的搜索不存在' },
  SAVED_SEARCH_LIMIT_REACHED: { status: 409, message: '最多订阅 {max} 个搜索，请先删除不用的' },
})
