import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { COMMENT_MAX_LENGTH } from '@chuangan/shared/limits'
import Sheet from '@/components/Sheet'
import { flag } from '@/utils/flag'

/** Whom a reply answers; null for a new top-level comment. */
export interface ReplyTarget {
  id: number
  name: string
}

interface Props {
  open: boolean
  replyTo: ReplyTarget | null
  onClose: () => void
  /** Sends the comment; resolves true when it was accepted (the sheet then closes and forgets the text). */
  onSubmit: (content: string) => Promise<boolean>
}

/**
 * The comment box, a bottom sheet: up to COMMENT_MAX_LENGTH characters with a counter, 发布 only with some text.
 * Mount it with a key per target: a draft belongs to the comment it answers and survives closing the sheet.
 */
export default function Composer({ open, replyTo, onClose, onSubmit }: Props) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const empty = text.trim() === ''

  const submit = async () => {
    if (empty || busy) return
    setBusy(true)
    try {
      if (await onSubmit(text.trim())) setText('')
    } finally {
      setBusy(false)
    }
  }

  const label = replyTo ? `回复 @${replyTo.name}` : '写评论'
  return (
    <Sheet open={open} onClose={onClose} title={label} className="composer">
      <Textarea
        className="composer__input"
        data-testid="composer-input"
        value={text}
        placeholder={replyTo ? `回复 @${replyTo.name}` : '说说你的看法，友善发言'}
        maxlength={COMMENT_MAX_LENGTH}
        focus={open}
        fixed
        showConfirmBar={false}
        adjustPosition
        cursorSpacing={120}
        onInput={(e) => setText(e.detail.value.slice(0, COMMENT_MAX_LENGTH))}
      />
      <View className="composer__foot">
        <Text className={`composer__count${text.length >= COMMENT_MAX_LENGTH ? ' composer__count--full' : ''}`}>
          {text.length}/{COMMENT_MAX_LENGTH}
        </Text>
        <Button
          className="composer__submit"
          data-testid="composer-submit"
          disabled={flag(empty || busy)}
          loading={flag(busy)}
          onClick={() => void submit()}
        >
          发布
        </Button>
      </View>
    </Sheet>
  )
}
