// Request/response plumbing shared by the bucket and object routes.
import type { ServiceContext } from '../context.ts'
import { resolveCaller, type Caller } from './caller.ts'
import type { RequestScope } from './db.ts'
import type { ObjectDisk } from './disk.ts'
import { ERRORS, StorageError } from './errors.ts'

/** One incoming Storage request, with the path as the service sees it (prefix stripped, still encoded). */
export interface StorageRequest {
  ctx: ServiceContext
  disk: ObjectDisk
  request: Request
  method: string
  /** e.g. `/object/avatars/u1/a.png` (percent-encoded as received). */
  path: string
  url: URL
  bearer: string | null
  /** Verifies the bearer (AccessDenied unless `allowInvalid`). */
  caller(options?: { allowInvalid?: boolean }): Promise<Caller>
  /** What the request.* GUCs expose to policies for this route operation. */
  scope(operation: string): RequestScope
}

export function createStorageRequest(
  ctx: ServiceContext,
  disk: ObjectDisk,
  request: Request,
  path: string,
  bearer: string | null,
): StorageRequest {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => (headers[key] = value))
  return {
    ctx,
    disk,
    request,
    method: request.method.toUpperCase(),
    path,
    url: new URL(request.url),
    bearer,
    caller: (options) => resolveCaller(ctx, bearer, options),
    scope: (operation) => ({ method: request.method, path, headers, operation }),
  }
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}

export function errorResponse(err: StorageError): Response {
  return json(err.body(), err.status)
}

const MAX_JSON_BODY = 1024 * 1024

/**
 * Reads a JSON object body (Storage's Fastify parser: 1 MiB max, objects only
 * where a schema expects one). An empty body reads as `{}`.
 */
export async function readJsonBody(req: StorageRequest): Promise<Record<string, unknown>> {
  const reader = req.request.body?.getReader()
  if (!reader) return {}
  const chunks: Uint8Array[] = []
  let size = 0
  let tooLarge = false
  while (true) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_JSON_BODY) tooLarge = true // keep reading so the client gets the answer
    else chunks.push(value)
  }
  if (tooLarge) throw ERRORS.payloadTooLarge()
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw ERRORS.badRequest("Body is not valid JSON but content-type is set to 'application/json'")
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw ERRORS.badRequest('body must be object')
  return value as Record<string, unknown>
}

// Small validators worded like Fastify's JSON-schema errors, which is what
// Storage answers for malformed bodies.

export function requireString(body: Record<string, unknown>, key: string, where = 'body'): string {
  const value = body[key]
  if (value === undefined || value === null) throw ERRORS.badRequest(`${where} must have required property '${key}'`)
  if (typeof value !== 'string') throw ERRORS.badRequest(`${where}/${key} must be string`)
  return value
}

export function optionalString(body: Record<string, unknown>, key: string, where = 'body'): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw ERRORS.badRequest(`${where}/${key} must be string`)
  return value
}

export function optionalInteger(
  body: Record<string, unknown>,
  key: string,
  minimum: number,
  where = 'body',
): number | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value)) throw ERRORS.badRequest(`${where}/${key} must be integer`)
  if (value < minimum) throw ERRORS.badRequest(`${where}/${key} must be >= ${minimum}`)
  return value
}

export function optionalBoolean(body: Record<string, unknown>, key: string, where = 'body'): boolean | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw ERRORS.badRequest(`${where}/${key} must be boolean`)
  return value
}
