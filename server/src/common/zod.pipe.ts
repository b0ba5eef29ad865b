import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common'
import { detailsFromZod } from '@chuangan/shared'
import type { z } from 'zod'
import { AppError } from './app-error'

const WHERE: Record<string, string> = { body: 'body', query: 'query', param: 'params' }

/** Validates one request part with a shared contract schema and returns the parsed (coerced) value. */
@Injectable()
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.infer<T> {
    const where = WHERE[metadata.type] ?? metadata.type
    const result = this.schema.safeParse(value ?? (where === 'body' ? undefined : {}))
    if (result.success) return result.data
    throw AppError.validation(`请求参数有误（${where}）`, detailsFromZod(result.error, where))
  }
}
