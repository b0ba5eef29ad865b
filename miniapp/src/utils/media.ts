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
 * A thumbnail's URL: for a stored image, its smallest sized variant that still fills `box` (in design px, which are
 * device pixels at 375 pt × device pixel ratio 2) when shown with `mode="aspectFill"`, given the image's usual
 * `aspect` (width / height; covers are 16:9). So a list of 108 pt thumbnails loads ≈ 288 px images, not 640 px covers.
 * Other URLs (WeChat avatars, external covers) and boxes wider than every variant are left as `mediaUrl` gives them.
 */
export function thumbUrl(
  url: string | null | undefined,
  box: { width: number; height: number },
  aspect = 16 / 9,
  env: string | undefined = process.env.TARO_ENV,
  base: string = API_BASE,
): string {
  if (!url || !STORED_IMAGE.test(url)) return mediaUrl(url, env, base)
  const needed = Math.max(box.width, box.height * aspect)
  const width = IMAGE_VARIANT_WIDTHS.find((w) => w >= needed)
  if (!width) return mediaUrl(url, env, base)
  return mediaUrl(`/api/images?src=${encodeURIComponent(url)}&w=${width}`, env, base)
}
