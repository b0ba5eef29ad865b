import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input } from '@tarojs/components'
import { FOLDER_NAME_MAX_LENGTH } from '@chuangan/shared/limits'

export interface FolderName {
  name: string
  setName: (name: string) => void
  /** Nothing but spaces: nothing to save. */
  empty: boolean
  busy: boolean
  /** Checks the name, then saves it trimmed; one save at a time. */
  submit: () => Promise<void>
}

/** A folder name being typed (新建 or 重命名), checked against the API's limit before `save` sends it. */
export function useFolderName(initial: string, save: (name: string) => Promise<unknown>): FolderName {
  const [name, setName] = useState(initial)
  const [busy, setBusy] = useState(false)
  const trimmed = name.trim()

  const submit = async () => {
    if (!trimmed || busy) return
    if (trimmed.length > FOLDER_NAME_MAX_LENGTH) {
      void Taro.showToast({ title: `收藏夹名称最多 ${FOLDER_NAME_MAX_LENGTH} 个字`, icon: 'none' })
      return
    }
    setBusy(true)
    try {
      await save(trimmed)
    } finally {
      setBusy(false)
    }
  }

  return { name, setName, empty: !trimmed, busy, submit }
}

interface Props {
  field: FolderName
  className: string
  testId: string
}

/** The folder name's input: focused, at most FOLDER_NAME_MAX_LENGTH characters, 完成 on the keyboard submits. */
export default function FolderNameInput({ field, className, testId }: Props) {
  return (
    <Input
      className={className}
      data-testid={testId}
      value={field.name}
      focus
      placeholder={`收藏夹名称（最多 ${FOLDER_NAME_MAX_LENGTH} 字）`}
      maxlength={FOLDER_NAME_MAX_LENGTH}
      onInput={(e) => field.setName(e.detail.value)}
      onConfirm={() => void field.submit()}
    />
  )
}
