import { defineErrors } from './define'

/** Readers' 收藏夹. */
export const FavoriteErrors = defineErrors({
  /** Missing or another reader's (the two look the same). */
  FOLDER_NOT_FOUND: { status: 404, message: '收藏夹不存在' },
  FOLDER_NAME_TAKEN: { status: 409, message: '已有名为「{name}」的收藏夹，请换一个名称' },
  FOLDER_LIMIT_REACHED: { status: 409, message: '收藏夹最多 {max} 个，请先删除不用的收藏夹' },
  DEFAULT_FOLDER_UNDELETABLE: { status: 409, message: '默认收藏夹不能删除，可以重命名' },
  /** A move from a folder that does not hold the article. */
  NOT_IN_FOLDER: { status: 404, message: '该收藏夹里没有这篇文章' },
})
