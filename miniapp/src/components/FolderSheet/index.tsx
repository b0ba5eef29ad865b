import { useEffect, useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import type { FolderView } from '@chuangan/shared'
import { call, errorMessage, showErrorToast } from '@/api/client'
import FolderNameInput, { useFolderName } from '@/components/FolderNameInput'
import Sheet from '@/components/Sheet'
import { flag } from '@/utils/flag'
import './index.css'

interface Props {
  /** The folders holding the article or product now (the viewer's state), read on each opening. */
  holding: () => Promise<number[]>
  onClose: () => void
  /** 完成 with a changed choice: the exact set of folders it should be in, and the set before. */
  onDone: (folderIds: number[], before: number[]) => void
}

type Folders =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; items: FolderView[]; holding: number[] }

/** 新建收藏夹 inline: a name, then 创建; `onCreated` hears the new folder. */
function NewFolder({ onCreated }: { onCreated: (folder: FolderView) => void }) {
  const field = useFolderName('', async (name) => {
    try {
      onCreated(await call('createFolder', { body: { name } }))
    } catch (error) {
      showErrorToast(error)
    }
  })
  return (
    <View className="folder-new">
      <FolderNameInput field={field} className="folder-new__input" testId="folder-new-input" />
      <Button
        className="folder-new__submit"
        data-testid="folder-new-submit"
        disabled={flag(field.empty || field.busy)}
        onClick={() => void field.submit()}
      >
        创建
      </Button>
    </View>
  )
}

/**
 * 收藏 an article or a product into one or several of my folders: check them, 新建收藏夹 inline, 完成 sends the set.
 * Mounted on each opening; my folders and those holding it (the viewer's state) are fetched afresh, so the set sent
 * never drops a folder this page did not know about.
 */
export default function FolderSheet({ holding: readHolding, onClose, onDone }: Props) {
  const [folders, setFolders] = useState<Folders>({ status: 'loading' })
  const [checked, setChecked] = useState<number[]>([])
  const [creating, setCreating] = useState(false)

  const load = () =>
    Promise.all([call('folders'), readHolding()])
      .then(([list, folderIds]) => {
        setFolders({ status: 'ready', items: list.items, holding: folderIds })
        setChecked(folderIds)
      })
      .catch((error: unknown) => setFolders({ status: 'error', error }))

  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, [])

  const retry = () => {
    setFolders({ status: 'loading' })
    void load()
  }

  const toggle = (id: number) =>
    setChecked((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]))

  const created = (folder: FolderView) => {
    setFolders((prev) => {
      if (prev.status !== 'ready') return prev
      // the default folder stays first, then newest first
      const at = prev.items.length && prev.items[0].isDefault ? 1 : 0
      return { ...prev, items: [...prev.items.slice(0, at), folder, ...prev.items.slice(at)] }
    })
    setChecked((prev) => [...prev, folder.id])
    setCreating(false)
  }

  const holding = folders.status === 'ready' ? folders.holding : []
  // in list order; only folders still listed (one deleted meanwhile drops out of the set)
  const chosen = folders.status === 'ready' ? folders.items.map((f) => f.id).filter((id) => checked.includes(id)) : []
  const done = () => {
    onClose()
    const key = (ids: number[]) => [...ids].sort((a, b) => a - b).join()
    if (folders.status === 'ready' && key(chosen) !== key(holding)) onDone(chosen, holding)
  }

  const list = () => {
    if (folders.status === 'loading') return <Text className="folder-sheet__state">加载中…</Text>
    if (folders.status === 'error') {
      return (
        <Text className="folder-sheet__state" onClick={retry}>
          {errorMessage(folders.error)}，点击重试
        </Text>
      )
    }
    return folders.items.map((folder) => {
      const on = checked.includes(folder.id)
      // the count as it will be after 完成
      const count =
        folder.count + (on && !holding.includes(folder.id) ? 1 : 0) - (!on && holding.includes(folder.id) ? 1 : 0)
      return (
        <View
          key={folder.id}
          className={`folder-option${on ? ' folder-option--checked' : ''}`}
          data-testid="folder-option"
          data-id={folder.id}
          data-name={folder.name}
          aria-checked={on}
          role="checkbox"
          onClick={() => toggle(folder.id)}
        >
          <View className="folder-option__text">
            <Text className="folder-option__name">{folder.name}</Text>
            <Text className="folder-option__count">{count} 项</Text>
          </View>
          <Text className="folder-option__check">{on ? '✓' : ''}</Text>
        </View>
      )
    })
  }

  return (
    <Sheet open onClose={onClose} title="收藏到" className="folder-sheet">
      <Text className="folder-sheet__summary" data-testid="folder-selected-count">
        已选择 {chosen.length} 个收藏夹
      </Text>
      <ScrollView className="folder-sheet__list" scrollY>
        {list()}
      </ScrollView>
      {creating ? (
        <NewFolder onCreated={created} />
      ) : (
        <View className="folder-new folder-new--closed" data-testid="folder-new" onClick={() => setCreating(true)}>
          <Text className="folder-new__plus">＋</Text>
          <Text>新建收藏夹</Text>
        </View>
      )}
      <Button
        className="folder-sheet__done primary-button"
        data-testid="folder-done"
        disabled={flag(folders.status !== 'ready')}
        onClick={done}
      >
        完成
      </Button>
    </Sheet>
  )
}
