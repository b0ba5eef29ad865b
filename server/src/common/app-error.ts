import {
  ErrorCode,
  formatMessage,
  type ApiErrorCode,
  type DeclaredError,
  type ErrorDetail,
  type MessageParams,
  type Placeholders,
} from '@chuangan/shared'

/** Where a declared error points: one field (`details` then repeats the message there), or details of its own. */
export interface ErrorOptions {
  field?: string
  details?: ErrorDetail[]
}

/** The options of `AppError.of`: a message with placeholders needs their values. */
type OfArgs<E extends DeclaredError> = [Placeholders<E['message']>] extends [never]
  ? [options?: ErrorOptions]
  : [options: ErrorOptions & { params: MessageParams<E> }]

/** An error with a stable code; the global filter puts it on the wire as it is. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message)
  }

  /**
   * A feature's declared error (shared/src/errors/), the one way feature code fails a request:
   * `throw AppError.of(CommentErrors.COMMENTS_CLOSED)`,
   * `AppError.of(FavoriteErrors.FOLDER_NAME_TAKEN, { params: { name }, details })`,
   * `AppError.of(CommentErrors.REPLY_TARGET_NOT_FOUND, { field: 'body.replyTo' })`.
   */
  static of<E extends DeclaredError>(error: E, ...[options]: OfArgs<E>): AppError {
    const message = formatMessage(error, (options as { params?: MessageParams<E> } | undefined)?.params)
    const details = options?.field ? [{ path: options.field, message }] : options?.details
    return new AppError(error.status, error.code as ApiErrorCode, message, details)
  }

  /** The contract refused the input (a zod schema, a cursor): 400 VALIDATION_FAILED with the fields. */
  static validation(message: string, details: ErrorDetail[]): AppError {
    return new AppError(400, ErrorCode.ValidationFailed, message, details)
  }

  /** No live session: 401 UNAUTHORIZED (the access guard, and a write racing its account's deletion). */
  static unauthorized(message = '请先登录'): AppError {
    return new AppError(401, ErrorCode.Unauthorized, message)
  }

  /** The caller's role may not use the route: 403 FORBIDDEN (the access guard). */
  static forbidden(message: string): AppError {
    return new AppError(403, ErrorCode.Forbidden, message)
  }
}
