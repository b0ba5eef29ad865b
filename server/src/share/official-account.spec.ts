import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AppConfig } from '../config/config'
import { LocalFileStore } from '../storage/local-file-store'
import { OFFICIAL_ACCOUNT_QR_KEY, OfficialAccountQr } from './official-account'

describe('OfficialAccountQr', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'official-qr-'))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  const store = new LocalFileStore(dir)
  const writeFor = (url: string) =>
    new OfficialAccountQr(store, { OFFICIAL_ACCOUNT_URL: url } as AppConfig).onModuleInit()
  const file = path.join(dir, OFFICIAL_ACCOUNT_QR_KEY)

  it('writes the code at the first start, keeps it while the URL stays, and rewrites it when the URL changes', async () => {
    await writeFor('https://mp.weixin.qq.com/a')
    const first = fs.readFileSync(file)
    expect(first.subarray(1, 4).toString()).toBe('PNG')

    fs.utimesSync(file, new Date(0), new Date(0))
    await writeFor('https://mp.weixin.qq.com/a')
    expect(fs.statSync(file).mtimeMs).toBe(0)

    await writeFor('https://mp.weixin.qq.com/b')
    expect(fs.statSync(file).mtimeMs).toBeGreaterThan(0)
    expect(fs.readFileSync(file).equals(first)).toBe(false)
  })

  it('writes it again when the code is missing', async () => {
    fs.rmSync(file)
    await writeFor('https://mp.weixin.qq.com/b')
    expect(fs.existsSync(file)).toBe(true)
  })
})
