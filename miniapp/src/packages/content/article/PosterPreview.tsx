import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { isWeapp } from '@/auth/session'
import { saveImageToAlbum } from '@/share/album'

/**
 * The article's share poster (drawn by the server, with the mini-program code): loading, then the image or an error
 * with 重试. Saved with 保存到相册 in the mini-program; H5 readers long-press it.
 */
export default function PosterPreview({ url }: { url: string }) {
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading')
  // a retry mounts a new image, which asks again
  const [attempt, setAttempt] = useState(0)
  const [saving, setSaving] = useState(false)

  const retry = () => {
    setStatus('loading')
    setAttempt((n) => n + 1)
  }
  const save = async () => {
    if (status !== 'ready' || saving) return
    setSaving(true)
    try {
      await saveImageToAlbum(url)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="poster">
      <View className="poster__frame">
        <Image
          key={attempt}
          className="poster__image"
          data-testid="share-poster-image"
          src={url}
          mode="aspectFit"
          showMenuByLongpress
          onLoad={() => setStatus('ready')}
          onError={() => setStatus('error')}
        />
        {status === 'loading' ? (
          <View className="poster__state" data-testid="share-poster-loading">
            <Text>海报生成中…</Text>
          </View>
        ) : null}
        {status === 'error' ? (
          <View className="poster__state" data-testid="share-poster-error">
            <Text>海报生成失败</Text>
            <Text className="poster__retry" data-testid="share-poster-retry" onClick={retry}>
              重试
            </Text>
          </View>
        ) : null}
      </View>
      {isWeapp() ? (
        <View
          className={`poster__save primary-button${status === 'ready' && !saving ? '' : ' poster__save--disabled'}`}
          data-testid="share-poster-save"
          onClick={() => void save()}
        >
          {saving ? '保存中…' : '保存到相册'}
        </View>
      ) : (
        <Text className="poster__hint" data-testid="share-poster-hint">
          长按图片保存，或发送给朋友
        </Text>
      )}
    </View>
  )
}
