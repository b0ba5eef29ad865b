import { HttpException } from '@nestjs/common'
import { ErrorCode, type ApiError } from '@chuangan/shared'
import { AppError } from './app-error'
import { isOutOfRange } from './db'

/** Fastify's own errors (body parsing, limits) by their code. */
const FASTIFY_ERRORS: Record<string, { statusCode: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: ErrorCode.MalformedJson, message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    statusCode: 400,
    code: ErrorCode.MalformedJson,
    message: '请求体为空，但声明了 JSON 类型',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    statusCode: 415,
    code: ErrorCode.UnsupportedMediaType,
    message: '不支持的请求体类型',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    statusCode: 400,
    code: ErrorCode.MalformedJson,
    message: '请求体长度与声明不符',
  },
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
}

/** Maps anything thrown to the one error shape; unknown errors become a 500 that tells nothing internal. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) {
    return { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details }
  }
  // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException whose cause is the original.
  const original = error instanceof HttpException && error.cause ? error.cause : error
  const fastifyCode = (original as { code?: unknown } | null)?.code
  if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
    return { ...FASTIFY_ERRORS[fastifyCode] }
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus()
    const body = error.getResponse()
    const message =
      typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
        ? (body as { message: string }).message
        : error.message
    return {
      statusCode,
      code: STATUS_CODES[statusCode] ?? (statusCode >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed),
      message,
    }
  }
  // A safety net: every number the API takes is bounded to its column, so this would be a missed bound, not a fault.
  if (isOutOfRange(error)) {
    return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求中的数值超出范围' }
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { statusCode: status, code: STATUS_CODES[status] ?? ErrorCode.ValidationFailed, message: '请求无效' }
  }
  return { statusCode: 500, code: ErrorCode.Internal, message: '服务器开小差了，请稍后重试' }
}
