import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text } from '@tarojs/components'
import { FOLDER_NAME_MAX_LENGTH } from '@chuangan/shared/limits'
import Sheet from '@/components/Sheet'
import { flag } from '@/utils/flag'

interface Props {
  title: string
  initial?: string
  onClose: () => void
  /** Resolves true when saved (the sheet is then closed by the page). */
  onSave: (name: string) => Promise<unknown>
}

/** A folder name to create or rename: one input, at most FOLDER_NAME_MAX_LENGTH characters. Mount it per use. */
export default function NameSheet({ title, initial = '', onClose, onSave }: Props) {
  const [name, setName] = useState(initial)
  const [busy, setBusy] = useState(false)
  const trimmed = name.trim()

  const save = async () => {
    if (!trimmed || busy) return
    if (trimmed.length > FOLDER_NAME_MAX_LENGTH) {
      void Taro.showToast({ title: `收藏夹名称最多 ${FOLDER_NAME_MAX_LENGTH} 个字`, icon: 'none' })
      return
    }
    setBusy(true)
    try {
      await onSave(trimmed)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Sheet open onClose={onClose} title={title} className="name-sheet">
      <Input
        className="name-sheet__input"
        data-testid="folder-name-input"
        value={name}
        focus
        placeholder={`收藏夹名称（最多 ${FOLDER_NAME_MAX_LENGTH} 字）`}
        maxlength={FOLDER_NAME_MAX_LENGTH}
        onInput={(e) => setName(e.detail.value)}
        onConfirm={() => void save()}
      />
      <Text className="name-sheet__count">
        {name.length}/{FOLDER_NAME_MAX_LENGTH}
      </Text>
      <Button
        className="me-primary-button"
        data-testid="folder-name-submit"
        disabled={flag(!trimmed || busy)}
        loading={flag(busy)}
        onClick={() => void save()}
      >
        保存
      </Button>
    </Sheet>
  )
}
