import { z } from 'zod'

/** Stable error codes a client can switch on; the human text is in `message`. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL_ERROR',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

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
