import { useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FolderView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { openPage } from '@/utils/nav'
import { folderUrl } from '@/utils/paths'
import NameSheet from '../components/NameSheet'
import SignedIn from '../components/SignedIn'
import '../me.css'

const fetchFolders = () => call('folders').then((list) => list.items)

type Editing = { kind: 'create' } | { kind: 'rename'; folder: FolderView } | null

type Loaded = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; folders: FolderView[] }

function Folders() {
  const [state, setState] = useState<Loaded>({ status: 'loading' })
  const [editing, setEditing] = useState<Editing>(null)
  const folders = state.status === 'ready' ? state.folders : []
  const setFolders = (next: FolderView[]) => setState({ status: 'ready', folders: next })
  const hidden = useRef(false)

  /** Loads the list; a failed refresh keeps what is shown and toasts. */
  const load = (shown: boolean) =>
    fetchFolders().then(setFolders, (error: unknown) => {
      if (shown) showErrorToast(error)
      else setState({ status: 'error', error })
    })
  useEffect(() => {
    void load(false)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, [])
  usePullDownRefresh(() => {
    void load(state.status === 'ready').finally(() => Taro.stopPullDownRefresh())
  })
  // back from a folder (articles moved or removed): counts again
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (hidden.current) void load(state.status === 'ready')
    hidden.current = false
  })

  const create = async (name: string) => {
    try {
      const folder = await call('createFolder', { body: { name } })
      const at = folders.length && folders[0].isDefault ? 1 : 0
      setFolders([...folders.slice(0, at), folder, ...folders.slice(at)])
      setEditing(null)
      void Taro.showToast({ title: '已创建', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const rename = async (folder: FolderView, name: string) => {
    try {
      const renamed = await call('renameFolder', { params: { id: folder.id }, body: { name } })
      setFolders(folders.map((f) => (f.id === folder.id ? renamed : f)))
      setEditing(null)
    } catch (error) {
      showErrorToast(error)
    }
  }

  const remove = async (folder: FolderView) => {
    const { confirm } = await Taro.showModal({
      title: `删除「${folder.name}」`,
      content: '删除收藏夹会移除其中的文章',
      confirmText: '删除',
      confirmColor: '#f53f3f',
    })
    if (!confirm) return
    try {
      await call('deleteFolder', { params: { id: folder.id } })
      setFolders(folders.filter((f) => f.id !== folder.id))
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  const more = async (folder: FolderView) => {
    // the default folder cannot be deleted
    const items = folder.isDefault ? ['重命名'] : ['重命名', '删除']
    let tapIndex: number
    try {
      tapIndex = (await Taro.showActionSheet({ itemList: items })).tapIndex
    } catch {
      return // dismissed
    }
    if (tapIndex === 0) setEditing({ kind: 'rename', folder })
    else if (tapIndex === 1) void remove(folder)
  }

  if (state.status === 'loading') return <Skeleton className="list-skeleton" blocks={3} />
  if (state.status === 'error') {
    const retry = () => {
      setState({ status: 'loading' })
      void load(false)
    }
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={retry} />
  }

  return (
    <View className="me-list-page">
      <View className="me-toolbar">
        <Text className="me-toolbar__title one-line-title">共 {folders.length} 个收藏夹</Text>
        <Text
          className="me-toolbar__action"
          data-testid="folders-create"
          onClick={() => setEditing({ kind: 'create' })}
        >
          ＋ 新建收藏夹
        </Text>
      </View>
      {folders.length === 0 ? <StatusView title="还没有收藏夹" description="收藏文章时会自动创建默认收藏夹" /> : null}
      <View className="me-rows">
        {folders.map((folder) => (
          <View
            key={folder.id}
            className="folder-row card"
            data-testid="folder-row"
            data-id={folder.id}
            data-name={folder.name}
            hoverClass="card--hover"
            onClick={() => openPage(folderUrl(folder.id))}
          >
            <View className="folder-row__icon">☆</View>
            <View className="folder-row__text">
              <View className="folder-row__line">
                <Text className="folder-row__name one-line-title">{folder.name}</Text>
                {folder.isDefault ? <Text className="folder-row__badge">默认</Text> : null}
              </View>
              <Text className="folder-row__count">{folder.count} 项收藏</Text>
            </View>
            <Text
              className="folder-row__more"
              data-testid="folder-row-more"
              aria-label="更多操作"
              onClick={(e) => {
                e.stopPropagation()
                void more(folder)
              }}
            >
              ···
            </Text>
          </View>
        ))}
      </View>
      {editing?.kind === 'create' ? (
        <NameSheet title="新建收藏夹" onClose={() => setEditing(null)} onSave={create} />
      ) : editing?.kind === 'rename' ? (
        <NameSheet
          title="重命名收藏夹"
          initial={editing.folder.name}
          onClose={() => setEditing(null)}
          onSave={(name) => rename(editing.folder, name)}
        />
      ) : null}
    </View>
  )
}

/** 我的收藏: my folders with their counts; create, rename, delete (with a confirmation); a tap opens one. */
export default function FoldersPage() {
  return (
    <SignedIn>
      <Folders />
    </SignedIn>
  )
}
