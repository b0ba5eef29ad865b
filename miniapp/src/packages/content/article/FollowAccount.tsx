import { useState } from 'react'
import { Image, OfficialAccount, Text, View } from '@tarojs/components'
import { isWeapp } from '@/auth/session'
import { mediaUrl } from '@/utils/media'
import { isSinglePageMode, launchScene } from '@/utils/scene'
import './follow.css'

/** Cold-start scenes in which WeChat shows its official-account component (scanned codes and the like). */
export const OFFICIAL_ACCOUNT_SCENES = [1011, 1017, 1025, 1047, 1124]
/** The account's QR code, served by the server. */
export const OFFICIAL_ACCOUNT_QR = '/media/site/official-account-qr.png'

/** WeChat's follow component works only in the mini-program, after one of those scenes, outside single-page mode. */
export function officialAccountShown(): boolean {
  const scene = launchScene()
  return isWeapp() && !isSinglePageMode() && scene !== undefined && OFFICIAL_ACCOUNT_SCENES.includes(scene)
}

/**
 * 关注「传感说」公众号 near the end of the article: WeChat's component where the launch scene allows it, elsewhere
 * (and when the component fails) a small card with the account's QR code; nothing when that image is missing.
 */
export default function FollowAccount() {
  const [mode, setMode] = useState<'component' | 'qr' | 'none'>(() => (officialAccountShown() ? 'component' : 'qr'))
  if (mode === 'component') {
    return (
      <View className="follow-account" data-testid="follow-account">
        <OfficialAccount onError={() => setMode('qr')} />
      </View>
    )
  }
  if (mode === 'none') return null
  return (
    <View className="follow-card" data-testid="follow-account-card">
      <Image
        className="follow-card__qr"
        data-testid="follow-account-qr"
        src={mediaUrl(OFFICIAL_ACCOUNT_QR)}
        mode="aspectFit"
        showMenuByLongpress
        onError={() => setMode('none')}
      />
      <View className="follow-card__text">
        <Text className="follow-card__title">关注「传感说」公众号</Text>
        <Text className="follow-card__desc">长按识别二维码，行业动态不错过</Text>
      </View>
    </View>
  )
}
