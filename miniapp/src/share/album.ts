import Taro from '@tarojs/taro'

const ALBUM = 'scope.writePhotosAlbum'

function albumAllowed(authSetting: unknown): boolean | undefined {
  return (authSetting as Record<string, boolean | undefined> | undefined)?.[ALBUM]
}

/**
 * May we write to the album? Asks with WeChat's own dialog while it still can (never asked); a reader who refused
 * before can only allow it in 设置, so a modal explains and opens it.
 */
export async function albumPermission(): Promise<boolean> {
  const allowed = albumAllowed((await Taro.getSetting()).authSetting)
  if (allowed === true) return true
  if (allowed === undefined) {
    try {
      await Taro.authorize({ scope: ALBUM })
      return true
    } catch {
      void Taro.showToast({ title: '需要相册权限才能保存海报', icon: 'none' })
      return false
    }
  }
  const { confirm } = await Taro.showModal({
    title: '保存到相册',
    content: '保存海报需要「添加到相册」权限，请在设置中打开',
    confirmText: '去设置',
  })
  if (!confirm) return false
  return albumAllowed((await Taro.openSetting()).authSetting) === true
}

/** Saves the image at `url` to the album (permission first, then download and save) and says how it went. */
export async function saveImageToAlbum(url: string): Promise<boolean> {
  try {
    if (!(await albumPermission())) return false
    const file = await Taro.downloadFile({ url })
    if (file.statusCode !== 200) throw new Error(`download answered ${file.statusCode}`)
    await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath })
  } catch (error) {
    const cancelled = /cancel/.test((error as { errMsg?: string } | null)?.errMsg ?? '')
    if (!cancelled) void Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' })
    return false
  }
  void Taro.showToast({ title: '已保存到相册', icon: 'success' })
  return true
}
