/**
 * WeChat's rules for getwxacodeunlimit, checked before calling so a bad poster link fails loudly here rather than
 * costing a quota call (45009 is a daily limit) or producing a code that opens the wrong page.
 */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const PAGE_PATTERN = /^[^/?#\s][^?#\s]*$/

export function validateQrScene(scene: string): void {
  if (!SCENE_PATTERN.test(scene)) {
    throw new Error(
      `QR scene ${JSON.stringify(scene)} is invalid: 1–32 characters from [0-9A-Za-z!#$&'()*+,/:;=?@-._~] (no %)`,
    )
  }
}

export function validateQrPage(page: string): void {
  if (!PAGE_PATTERN.test(page)) {
    throw new Error(`QR page ${JSON.stringify(page)} is invalid: a page path with no leading "/" and no query`)
  }
}

export function validateQrWidth(width: number): void {
  if (!Number.isInteger(width) || width < 280 || width > 1280) {
    throw new Error(`QR width ${width} is invalid: an integer from 280 to 1280`)
  }
}
