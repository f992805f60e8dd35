// Request bodies, read the way GoTrue's `retrieveRequestParams` does: a JSON
// object decoded into a typed struct. Unknown keys are ignored; a value of the
// wrong type is a 400 bad_json ("json: cannot unmarshal …"), never a 500.
import type { Context } from 'hono'
import { badJson } from './errors.ts'

export type Params = Record<string, unknown>

/** Reads the JSON body. `optional`: an empty body is `{}` (GoTrue skips decoding then). */
export async function readParams(c: Context, { optional = false } = {}): Promise<Params> {
  let text: string
  try {
    text = await c.req.text()
  } catch {
    throw badJson('unexpected EOF')
  }
  if (text.trim() === '') {
    if (optional) return {}
    throw badJson('unexpected end of JSON input')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw badJson('invalid character in JSON input')
  }
  if (value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badJson(`json: cannot unmarshal ${goKind(value)} into Go value of type api.Params`)
  }
  return value as Params
}

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return 'number'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'string') return 'string'
  return 'object'
}

const mismatch = (field: string, v: unknown, want: string) =>
  badJson(`json: cannot unmarshal ${goKind(v)} into Go struct field .${field} of type ${want}`)

/** A string field; absent or null → ''. */
export function str(p: Params, field: string): string {
  const v = p[field]
  if (v === undefined || v === null) return ''
  if (typeof v !== 'string') throw mismatch(field, v, 'string')
  return v
}

/** A string field where absence matters (e.g. `password` in PUT /user). */
export function optStr(p: Params, field: string): string | undefined {
  const v = p[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw mismatch(field, v, 'string')
  return v
}

/** A JSON object field (`data`, `user_metadata`, …); absent or null → undefined. */
export function obj(p: Params, field: string): Record<string, unknown> | undefined {
  const v = p[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) throw mismatch(field, v, 'map[string]interface {}')
  return v as Record<string, unknown>
}

export function bool(p: Params, field: string, fallback = false): boolean {
  const v = p[field]
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'boolean') throw mismatch(field, v, 'bool')
  return v
}
