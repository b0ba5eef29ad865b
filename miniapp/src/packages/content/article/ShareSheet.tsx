import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { isSharerCode } from '@chuangan/shared/share'
import { urlFor } from '@/api/client'
import { isWeapp, useSession } from '@/auth/session'
import Sheet from '@/components/Sheet'
import { recordShare } from '@/share/record'
import { blockedInSinglePage } from '@/utils/nav'
import PosterPreview from './PosterPreview'
import './share.css'

interface Props {
  articleId: number
  onClose: () => void
}

/** WeChat cannot open Moments from code: point at the ··· menu, whose 分享到朋友圈 uses the page's share handler. */
function TimelineGuide({ onClose }: { onClose: () => void }) {
  return (
    <View className="timeline-guide" data-testid="share-timeline-guide" catchMove onClick={onClose}>
      <Text className="timeline-guide__arrow">↗</Text>
      <View className="timeline-guide__tip">
        <Text className="timeline-guide__line">1. 点击右上角「···」</Text>
        <Text className="timeline-guide__line">2. 选择「分享到朋友圈」</Text>
      </View>
      <Text className="timeline-guide__ok">知道了</Text>
    </View>
  )
}

function Option({
  testId,
  icon,
  label,
  onClick,
}: {
  testId: string
  icon: string
  label: string
  onClick: () => void
}) {
  return (
    <View className="share-option" data-testid={testId} hoverClass="share-option--hover" onClick={onClick}>
      <View className="share-option__icon">{icon}</View>
      <Text className="share-option__label">{label}</Text>
    </View>
  )
}

/**
 * The article's 分享 sheet. Mini-program: 发送给朋友 (WeChat's share button: the page's share handler records it),
 * 分享到朋友圈 (a guide to the ··· menu) and 生成海报. H5 has no share API: the steps in WeChat's browser, the
 * mini-program code to scan, and the poster to long-press. A poster is recorded when picked (signed in only).
 */
export default function ShareSheet({ articleId, onClose }: Props) {
  const [step, setStep] = useState<'options' | 'timeline' | 'poster'>('options')
  const code = useSession()?.user.shareCode
  const query = { article: articleId, ...(isSharerCode(code) ? { sharer: code } : {}) }

  const showTimelineGuide = () => {
    if (!blockedInSinglePage()) setStep('timeline')
  }
  const makePoster = () => {
    if (blockedInSinglePage()) return
    recordShare({ type: 'article', id: articleId }, 'poster')
    setStep('poster')
  }

  if (step === 'timeline') return <TimelineGuide onClose={onClose} />
  if (step === 'poster') {
    return (
      <Sheet open onClose={onClose} title="分享海报" className="share-sheet">
        <PosterPreview url={urlFor('sharePoster', { query })} />
      </Sheet>
    )
  }
  return (
    <Sheet open onClose={onClose} title="分享" className="share-sheet">
      {isWeapp() ? (
        <View className="share-options" data-testid="share-options">
          <Button
            className="share-option"
            data-testid="share-friend"
            openType="share"
            hoverClass="share-option--hover"
            onClick={onClose}
          >
            <View className="share-option__icon">友</View>
            <Text className="share-option__label">发送给朋友</Text>
          </Button>
          <Option testId="share-timeline" icon="圈" label="分享到朋友圈" onClick={showTimelineGuide} />
          <Option testId="share-poster" icon="图" label="生成海报" onClick={makePoster} />
        </View>
      ) : (
        <View className="share-h5">
          <View className="share-h5__prompt" data-testid="share-h5-prompt">
            <Text className="share-h5__step">1. 点击右上角「···」</Text>
            <Text className="share-h5__step">2. 选择「发送给朋友」或「分享到朋友圈」</Text>
          </View>
          <View className="share-code">
            <Image
              className="share-code__image"
              data-testid="share-code-image"
              src={urlFor('shareCode', { query })}
              mode="aspectFit"
            />
            <Text className="share-code__caption" data-testid="share-code-caption">
              微信扫一扫，分享到朋友圈
            </Text>
          </View>
          <View className="share-options" data-testid="share-options">
            <Option testId="share-poster" icon="图" label="生成海报" onClick={makePoster} />
          </View>
        </View>
      )}
    </Sheet>
  )
}
