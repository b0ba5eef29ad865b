import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text } from '@tarojs/components'
import Sheet from '@/components/Sheet'
import { flag } from '@/utils/flag'

/** The API's limit on a folder name (shared/src/favorites.ts FolderName). */
export const FOLDER_NAME_MAX = 20

interface Props {
  title: string
  initial?: string
  onClose: () => void
  /** Resolves true when saved (the sheet is then closed by the page). */
  onSave: (name: string) => Promise<unknown>
}

/** A folder name to create or rename: one input, at most 20 characters. Mount it per use. */
export default function NameSheet({ title, initial = '', onClose, onSave }: Props) {
  const [name, setName] = useState(initial)
  const [busy, setBusy] = useState(false)
  const trimmed = name.trim()

  const save = async () => {
    if (!trimmed || busy) return
    if (trimmed.length > FOLDER_NAME_MAX) {
      void Taro.showToast({ title: `收藏夹名称最多 ${FOLDER_NAME_MAX} 个字`, icon: 'none' })
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
        placeholder={`收藏夹名称（最多 ${FOLDER_NAME_MAX} 字）`}
        maxlength={FOLDER_NAME_MAX}
        onInput={(e) => setName(e.detail.value)}
        onConfirm={() => void save()}
      />
      <Text className="name-sheet__count">
        {name.length}/{FOLDER_NAME_MAX}
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
