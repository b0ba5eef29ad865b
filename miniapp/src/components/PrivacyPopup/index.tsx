import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text } from '@tarojs/components'
import Dialog, { DialogButton } from '@/components/Dialog'
import { isWeapp } from '@/auth/session'
import { AGREE_BUTTON_ID, answerConsent, useConsentRequest } from '@/privacy/consent'
import { openPage } from '@/utils/nav'
import { PRIVACY_PAGE } from '@/utils/paths'
import './index.css'

function openContract(): void {
  if (isWeapp()) Taro.openPrivacyContract({ fail: () => openPage(PRIVACY_PAGE) })
  else openPage(PRIVACY_PAGE)
}

/**
 * The 用户隐私保护提示, shown while a consent question is open (privacy/consent.ts). Put one on every page that
 * signs in or uses a privacy-relevant API.
 */
export default function PrivacyPopup() {
  const request = useConsentRequest()
  useEffect(() => {
    request?.shown()
  }, [request])
  if (!request) return null

  const agree = isWeapp() ? (
    // WeChat lets the waiting API go on only after a tap on this very button
    <Button
      id={AGREE_BUTTON_ID}
      className="dialog__button dialog__button--primary"
      data-testid="privacy-agree"
      openType="agreePrivacyAuthorization"
      onAgreePrivacyAuthorization={() => answerConsent(true)}
    >
      同意
    </Button>
  ) : (
    <DialogButton primary testId="privacy-agree" onClick={() => answerConsent(true)}>
      同意
    </DialogButton>
  )
  return (
    <Dialog
      title="用户隐私保护提示"
      className="privacy-popup"
      actions={
        <>
          <DialogButton testId="privacy-refuse" onClick={() => answerConsent(false)}>
            拒绝
          </DialogButton>
          {agree}
        </>
      }
    >
      <Text>感谢使用传感说！登录、点赞、评论、收藏和编辑头像昵称时，我们会处理你的微信标识、昵称和头像。请阅读</Text>
      <Text className="privacy-popup__link" data-testid="privacy-contract" onClick={openContract}>
        《传感说用户隐私保护指引》
      </Text>
      <Text>，同意后继续使用这些功能；拒绝不影响浏览文章。</Text>
    </Dialog>
  )
}
