import { z } from 'zod'
import type { DeclaredErrorCode } from './errors/index'

/**
 * The framework's generic codes: a request the contract refuses (validation, body, access, rate limits) or a fault.
 * A feature's own cases have declared codes instead (./errors/, e.g. `ContentErrors.ARTICLE_NOT_FOUND`).
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  /** Only for a bare HTTP 404 from the framework; feature code raises a declared error. */
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** Only for a bare HTTP 409 from the framework; feature code raises a declared error. */
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL_ERROR',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Every code the API answers with: a generic one or a feature's declared one. */
export type ApiErrorCode = ErrorCode | DeclaredErrorCode

/** One field problem: where (`path`, dotted) and what. */
export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
})
export type ErrorDetail = z.infer<typeof ErrorDetail>

/** The one error shape of the whole API. */
export const ApiError = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.array(ErrorDetail).optional(),
})
export type ApiError = z.infer<typeof ApiError>

export function isApiError(value: unknown): value is ApiError {
  return ApiError.safeParse(value).success
}

/** Turns zod issues into `details`, with `in` (body, query, params) as the first path segment. */
export function detailsFromZod(error: z.ZodError, where?: string): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.'),
    message: issue.message,
  }))
}
