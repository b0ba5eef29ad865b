import Taro from '@tarojs/taro'

const KEY = 'chuangan.readerId'
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
export const READER_ID_PATTERN = /^[A-Za-z0-9_-]{16,32}$/

/** An anonymous reader id (24 chars), made once and kept in storage; the server counts reads by it. */
export function readerId(): string {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(KEY)
  } catch {
    stored = undefined
  }
  if (typeof stored === 'string' && READER_ID_PATTERN.test(stored)) return stored
  let id = ''
  for (let i = 0; i < 24; i++) id += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
  try {
    Taro.setStorageSync(KEY, id)
  } catch {
    // storage full or unavailable: this id lives for the session
  }
  return id
}
