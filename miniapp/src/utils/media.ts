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
