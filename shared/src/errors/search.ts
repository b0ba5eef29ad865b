import { defineErrors } from './define'

/** 传感搜: the catalogue as buyers read it. */
export const SearchErrors = defineErrors({
  PRODUCT_NOT_FOUND: { status: 404, message: '产品不存在或已下架' },
  SUPPLIER_NOT_FOUND: { status: 404, message: '供应商不存在' },
  /** `category` names no category. */
  UNKNOWN_CATEGORY: { status: 400, message: '产品分类不存在' },
  /** An `enum` or `range` filter names a parameter no category defines, or a range a parameter of another kind. */
  UNKNOWN_PARAM: { status: 400, message: '没有名为「{key}」的可筛选参数' },
  /** A range's unit is not one of its parameter's dimension (`量程:0~10kg`). */
  UNIT_MISMATCH: { status: 400, message: '「{unit}」不是「{key}」的单位' },
})
