import { API_PREFIX, ApiError, genericErrors, routes, type RouteContract } from '@chuangan/shared'
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

/**
 * A route's error responses by status: the generic errors its shape implies and the declared errors it lists, each
 * status with its codes enumerated and described, and an example per declared error (their messages are fixed).
 */
function errorResponses(route: RouteContract, errorRef: JsonSchema): Record<string, JsonSchema> {
  const generic = genericErrors(route).map((g) => ({ status: g.status, code: g.code, text: g.why }))
  const declared = (route.errors ?? []).map((e) => ({ status: e.status, code: e.code, text: e.message }))
  const statuses = [...new Set([...generic, ...declared].map((a) => a.status))].sort((a, b) => a - b)
  const out: Record<string, JsonSchema> = {}
  for (const status of statuses) {
    const here = [...generic, ...declared].filter((a) => a.status === status)
    const examples = declared
      .filter((a) => a.status === status)
      .map((a) => [a.code, { summary: a.code, value: { statusCode: status, code: a.code, message: a.text } }])
    const codes = { type: 'object', properties: { code: { type: 'string', enum: here.map((a) => a.code) } } }
    out[String(status)] = {
      description: here.map((a) => `\`${a.code}\`: ${a.text}`).join('; '),
      content: {
        'application/json': {
          schema: { allOf: [errorRef, codes] },
          ...(examples.length ? { examples: Object.fromEntries(examples) } : {}),
        },
      },
    }
  }
  return out
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
        ...errorResponses(r, errorRef),
        '500': { description: 'Unexpected error', content: { 'application/json': { schema: errorRef } } },
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
