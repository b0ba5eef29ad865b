import { defineErrors } from './define'

/** Share posters and mini-program codes. */
export const PosterErrors = defineErrors({
  /** WeChat could not make the mini-program code (quota, busy, unreachable): try again later. */
  POSTER_UNAVAILABLE: { status: 503, message: '小程序码暂时无法生成，请稍后再试' },
})
