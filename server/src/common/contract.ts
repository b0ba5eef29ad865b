import { applyDecorators, Body, HttpCode, Param, Query, RequestMapping, RequestMethod } from '@nestjs/common'
import { routes, type RouteContract, type RouteName } from '@chuangan/shared'
import { RequireAccess } from './access'
import { ZodPipe } from './zod.pipe'

const METHODS = {
  GET: RequestMethod.GET,
  POST: RequestMethod.POST,
  PUT: RequestMethod.PUT,
  PATCH: RequestMethod.PATCH,
  DELETE: RequestMethod.DELETE,
} as const

/** Binds a handler to a route of the shared contract: its method, path, access and success status come from there. */
export function Route(name: RouteName): MethodDecorator {
  const route: RouteContract = routes[name]
  const status = route.status ?? (route.method === 'POST' ? 201 : 200)
  return applyDecorators(
    RequestMapping({ path: route.path, method: METHODS[route.method] }),
    HttpCode(status),
    RequireAccess(route.access),
  )
}

/** Parameter decorators that validate with the contract's schemas. */
export const ContractQuery = (name: RouteName) => Query(new ZodPipe(requirePart(name, 'query')))
export const ContractParams = (name: RouteName) => Param(new ZodPipe(requirePart(name, 'params')))
export const ContractBody = (name: RouteName) => Body(new ZodPipe(requirePart(name, 'body')))

function requirePart(name: RouteName, part: 'query' | 'params' | 'body') {
  const schema = (routes[name] as Record<string, unknown>)[part]
  if (!schema) throw new Error(`route ${name} declares no ${part} schema`)
  return schema as never
}
