import { defineErrors } from './define'

/** Ad slots, as editors set them up. */
export const AdErrors = defineErrors({
  AD_SLOT_NOT_FOUND: { status: 404, message: '广告位不存在' },
})
