import { createWechatEmulator } from './wechat-emulator'

/**
 * Starts the WeChat emulator on its own: `node dist/wechat/emulator/main.js` (after the server build).
 * PORT (default 3901), HOST (default 127.0.0.1), WECHAT_APPID / WECHAT_SECRET (default: the emulator's own),
 * WECHAT_TOKEN_TTL (seconds, default 7200), PUBLIC_URL (where the H5 build is served, default
 * http://localhost:3000: its mini-program codes are QR codes of `<PUBLIC_URL>/<page>?scene=…`).
 * Point the server at it with WECHAT_API_BASE=<printed URL>.
 */
async function main(): Promise<void> {
  const emulator = createWechatEmulator({
    appid: process.env.WECHAT_APPID || undefined,
    secret: process.env.WECHAT_SECRET || undefined,
    tokenTtlSeconds: process.env.WECHAT_TOKEN_TTL ? Number(process.env.WECHAT_TOKEN_TTL) : undefined,
    publicUrl: process.env.PUBLIC_URL || undefined,
  })
  const baseUrl = await emulator.listen(Number(process.env.PORT ?? 3901), process.env.HOST || '127.0.0.1')
  process.stdout.write(`WeChat emulator listening at ${baseUrl}\n`)
  const stop = () => void emulator.close().finally(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
