import type { AdView } from '@chuangan/shared'
import type { AdSlot } from './ad-slot.entity'

/** An ad slot's wire shape. */
export const adView = (s: AdSlot): AdView => ({
  id: s.id,
  placement: s.placement,
  wechatUnitId: s.wechatUnitId,
  title: s.title,
  imageUrl: s.imageUrl,
  linkUrl: s.linkUrl,
})
