import { defineErrors } from './define'

/** Stored images and their sized variants. */
export const MediaErrors = defineErrors({
  /** The path names no stored image (or one that cannot be decoded). */
  IMAGE_NOT_FOUND: { status: 404, message: '图片不存在' },
})
