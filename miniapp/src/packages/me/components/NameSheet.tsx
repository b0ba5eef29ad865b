import { Button, Text } from '@tarojs/components'
import { FOLDER_NAME_MAX_LENGTH } from '@chuangan/shared/limits'
import FolderNameInput, { useFolderName } from '@/components/FolderNameInput'
import Sheet from '@/components/Sheet'
import { flag } from '@/utils/flag'

interface Props {
  title: string
  initial?: string
  onClose: () => void
  /** Resolves true when saved (the sheet is then closed by the page). */
  onSave: (name: string) => Promise<unknown>
}

/** A folder name to create or rename: one input with its count, and 保存. Mount it per use. */
export default function NameSheet({ title, initial = '', onClose, onSave }: Props) {
  const field = useFolderName(initial, onSave)
  return (
    <Sheet open onClose={onClose} title={title} className="name-sheet">
      <FolderNameInput field={field} className="name-sheet__input" testId="folder-name-input" />
      <Text className="name-sheet__count">
        {field.name.length}/{FOLDER_NAME_MAX_LENGTH}
      </Text>
      <Button
        className="name-sheet__save primary-button"
        data-testid="folder-name-submit"
        disabled={flag(field.empty || field.busy)}
        loading={flag(field.busy)}
        onClick={() => void field.submit()}
      >
        保存
      </Button>
    </Sheet>
  )
}
