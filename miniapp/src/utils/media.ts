import Taro from '@tarojs/taro'
import { IMAGE_VARIANT_WIDTHS } from '@chuangan/shared/limits'

/** The API origin: API_BASE without its trailing `/api` (absolute in weapp, empty in H5). */
export function apiOrigin(base: string = API_BASE): string {
  return base.replace(/\/api\/?$/, '')
}

/**
 * A media URL from the server as an image can load it. The server may answer with paths such as
 * `/media/covers/x.png`: H5 is served from the API's origin and uses them as they are; the mini-program
 * has no origin of its own, so they get the API origin in front.
 */
export function mediaUrl(
  url: string | null | undefined,
  env: string | undefined = process.env.TARO_ENV,
  base: string = API_BASE,
): string {
  if (!url) return ''
  if (/^(https?:)?\/\//i.test(url) || /^(data|blob):/i.test(url)) return url
  if (env === 'h5') return url
  const path = url.startsWith('/') ? url : `/${url}`
  return `${apiOrigin(base)}${path}`
}

/** A stored image the server makes sized variants of (see `GET /api/images`). */
const STORED_IMAGE = /^\/media\/(?!variants\/)[a-z0-9_-]+(\/[a-z0-9_-]+)*\.(png|jpe?g|webp)$/

/**
 * A thumbnail's URL: for a stored image, its smallest sized variant that still fills `box` (in design px, 750 to the
 * screen's width) on this screen when shown with `mode="aspectFill"`, given the image's usual `aspect` (width / height;
 * covers are 16:9). So a feed card's 216 × 160 design px cover loads a 288 px variant on a 375 pt phone at pixel ratio 2
 * (240 px in the H5 build, which draws design px at 0.4 CSS px), not the 640 px cover. Other URLs (WeChat avatars,
 * external covers) and boxes wider than every variant are left as `mediaUrl` gives them.
 */
export function thumbUrl(
  url: string | null | undefined,
  box: { width: number; height: number },
  aspect = 16 / 9,
  scale: number = deviceScale(),
  env: string | undefined = process.env.TARO_ENV,
  base: string = API_BASE,
): string {
  if (!url || !STORED_IMAGE.test(url)) return mediaUrl(url, env, base)
  const needed = Math.max(box.width, box.height * aspect) * scale
  const width = IMAGE_VARIANT_WIDTHS.find((w) => w >= needed - 0.5)
  if (!width) return mediaUrl(url, env, base)
  return mediaUrl(`/api/images?src=${encodeURIComponent(url)}&w=${width}`, env, base)
}

let cachedScale: number | undefined

/**
 * Device pixels per design px on this screen: the mini-program's rpx (window width / 750) times the pixel ratio; in
 * H5, what Taro's pxTransform makes of 750 design px (rem of the root font size) over 750, times devicePixelRatio.
 * 1 (a 375 pt phone at pixel ratio 2) when neither can be read.
 */
export function deviceScale(env: string | undefined = process.env.TARO_ENV): number {
  if (cachedScale !== undefined) return cachedScale
  let scale = 1
  try {
    if (env === 'h5') {
      const css = String(Taro.pxTransform(750))
      const root = parseFloat(getComputedStyle(document.documentElement).fontSize)
      const px = css.endsWith('rem') ? parseFloat(css) * root : parseFloat(css)
      scale = (px / 750) * (window.devicePixelRatio || 1)
    } else {
      const { windowWidth, pixelRatio } = Taro.getWindowInfo()
      scale = (windowWidth / 750) * pixelRatio
    }
  } catch {
    // not available (tests): the reference phone
  }
  cachedScale = Number.isFinite(scale) && scale > 0 ? scale : 1
  return cachedScale
}
