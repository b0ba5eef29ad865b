import { API_PREFIX, ApiError, routes, type RouteContract } from '@chuangan/shared'
import { z } from 'zod'

type JsonSchema = Record<string, unknown>

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'openapi-3.0',
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

/** Path and query parameters of a route, one per field of its object schema. */
function parameters(route: RouteContract): JsonSchema[] {
  const out: JsonSchema[] = []
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        description: prop.description,
        schema: prop,
      })
    }
  }
  return out
}

/** A multipart/form-data body carrying one file, for routes that declare `upload`. */
function uploadBody(upload: NonNullable<RouteContract['upload']>): JsonSchema {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [upload.field],
          properties: {
            [upload.field]: {
              type: 'string',
              format: 'binary',
              description: `one file: ${upload.types.join(', ')} (judged by its bytes), at most ${upload.maxBytes} bytes`,
            },
          },
        },
        encoding: { [upload.field]: { contentType: upload.types.join(', ') } },
      },
    },
  }
}

/** The OpenAPI 3 document, generated from the shared contract: the schemas the server validates with. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  const errorRef = { $ref: '#/components/schemas/ApiError' }
  for (const [name, r] of Object.entries(routes) as [string, RouteContract][]) {
    const path = API_PREFIX + r.path.replace(/:([A-Za-z]\w*)/g, '{$1}')
    const status = String(r.status ?? (r.method === 'POST' ? 201 : 200))
    paths[path] ??= {}
    paths[path][r.method.toLowerCase()] = {
      operationId: name,
      summary: r.summary,
      tags: [r.tag],
      parameters: parameters(r),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } }
        : {}),
      ...(r.upload ? { requestBody: uploadBody(r.upload) } : {}),
      responses: {
        [status]: r.produces
          ? { description: 'OK', content: { [r.produces]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', content: { 'application/json': { schema: toSchema(r.response, 'output') } } },
        '4XX': {
          description: 'Client error, in the one error shape',
          content: { 'application/json': { schema: errorRef } },
        },
        '500': { description: 'Unexpected error', content: { 'application/json': { schema: errorRef } } },
        ...(r.produces
          ? {
              '503': {
                description: 'A service it depends on (WeChat) failed; try again later',
                content: { 'application/json': { schema: errorRef } },
              },
            }
          : {}),
      },
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Chuangan API (传感说 · 传感搜)',
      version,
      description: 'Every request and response shape here is generated from the zod schemas in @chuangan/shared.',
    },
    paths,
    components: { schemas: { ApiError: toSchema(ApiError, 'output') } },
  }
}
