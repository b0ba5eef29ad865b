import { ErrorCode, type ErrorDetail } from '@chuangan/shared'

/** A domain error with a stable code; the global filter puts it on the wire as it is. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message)
  }

  static notFound(message: string): AppError {
    return new AppError(404, ErrorCode.NotFound, message)
  }

  static validation(message: string, details: ErrorDetail[]): AppError {
    return new AppError(400, ErrorCode.ValidationFailed, message, details)
  }

  /** A 400 about one field, e.g. `AppError.field('body.columnId', '栏目不存在')`. */
  static field(path: string, message: string): AppError {
    return new AppError(400, ErrorCode.ValidationFailed, message, [{ path, message }])
  }
}
