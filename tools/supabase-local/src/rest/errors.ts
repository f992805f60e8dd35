// Errors exactly as PostgREST writes them: always the four keys code,
// details, hint, message (serialised in that order, as aeson sorts them),
// with PostgREST's HTTP status table and its `Proxy-Status` header.
//
// Messages are PostgREST's own (English, like hosted) — clients such as
// postgrest-js pass them through untouched, and apps sometimes branch on them.

export class RestError extends Error {
  status: number
  code: string
  details: unknown
  hint: unknown
  headers: Record<string, string>

  constructor(status: number, code: string, message: string, details: unknown = null, hint: unknown = null, headers: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
    this.hint = hint
    this.headers = headers
  }

  body(): string {
    return JSON.stringify({ code: this.code, details: this.details, hint: this.hint, message: this.message })
  }
}

export function errorResponse(err: RestError): Response {
  const headers = new Headers({
    'Content-Type': 'application/json; charset=utf-8',
    'Proxy-Status': `PostgREST; error=${err.code}`,
  })
  for (const [k, v] of Object.entries(err.headers)) headers.set(k, v)
  return new Response(err.body(), { status: err.status, headers })
}

// ---------------------------------------------------------------------------
// PGRST1xx — request errors
// ---------------------------------------------------------------------------

/** PGRST100: the query string does not follow the grammar. */
export function queryParamError(message: string, details: string): RestError {
  return new RestError(400, 'PGRST100', message, details)
}

export const invalidRpcMethod = (method: string) =>
  new RestError(405, 'PGRST101', `Cannot use the ${method} method on RPC`)

export const invalidBody = (message: string) => new RestError(400, 'PGRST102', message)

export const invalidRange = (details: string) => new RestError(416, 'PGRST103', 'Requested range not satisfiable', details)

export const invalidFilters = () =>
  new RestError(405, 'PGRST105', "Filters must include all and only primary key columns with 'eq' operators")

export const unacceptableSchema = (schema: string, exposed: string[]) =>
  new RestError(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${exposed.join(', ')}`)

export const mediaTypeError = (mimes: string[]) =>
  new RestError(406, 'PGRST107', `None of these media types are available: ${mimes.join(', ')}`)

export const notEmbedded = (resource: string) =>
  new RestError(
    400,
    'PGRST108',
    `'${resource}' is not an embedded resource in this request`,
    null,
    `Verify that '${resource}' is included in the 'select' query parameter.`,
  )

export const gucHeadersError = () =>
  new RestError(500, 'PGRST111', 'response.headers guc must be a JSON array composed of objects with a single key and a string value')

export const gucStatusError = () => new RestError(500, 'PGRST112', 'response.status guc must be a valid status code')

export const putLimitNotAllowed = () =>
  new RestError(400, 'PGRST114', 'limit/offset querystring parameters are not allowed for PUT')

export const putMatchingPk = () => new RestError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)')

export const singularityError = (rows: number) =>
  new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${rows} rows`)

export const unsupportedMethod = (method: string) => new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`)

export const relatedOrderNotToOne = (origin: string, target: string) =>
  new RestError(
    400,
    'PGRST118',
    `A related order on '${target}' is not possible`,
    `'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`,
  )

export const unacceptableFilter = (target: string) =>
  new RestError(
    400,
    'PGRST120',
    `Bad operator on the '${target}' embedded resource`,
    'Only is null or not is null filters are allowed on embedded resources',
  )

export const invalidPreferences = (prefs: string[]) =>
  new RestError(400, 'PGRST122', 'Invalid preferences given with handling=strict', `Invalid preferences: ${prefs.join(', ')}`)

export const aggregatesNotAllowed = () => new RestError(400, 'PGRST123', 'Use of aggregate functions is not allowed')

export const maxAffectedViolation = (rows: number) =>
  new RestError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', `The query affects ${rows} rows`)

export const invalidResourcePath = () => new RestError(404, 'PGRST125', 'Invalid path specified in request URL')

export const openApiDisabled = () => new RestError(404, 'PGRST126', 'Root endpoint metadata is disabled')

export const maxAffectedRpcViolation = () =>
  new RestError(
    400,
    'PGRST128',
    'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
  )

// ---------------------------------------------------------------------------
// PGRST2xx — schema cache errors (details/hints built by the schema cache)
// ---------------------------------------------------------------------------

export const columnNotFound = (table: string, column: string) =>
  new RestError(400, 'PGRST204', `Could not find the '${column}' column of '${table}' in the schema cache`)

// ---------------------------------------------------------------------------
// PGRST3xx — JWT errors
// ---------------------------------------------------------------------------

function invalidTokenHeader(message: string) {
  return { 'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}` }
}

/** Decode / signature problems (PGRST301). */
export const jwtDecodeError = (message: string) => new RestError(401, 'PGRST301', message, null, null, invalidTokenHeader(message))

/** Claim validation problems: expired, not yet valid, issued in the future (PGRST303). */
export const jwtClaimsError = (message: string) => new RestError(401, 'PGRST303', message, null, null, invalidTokenHeader(message))

// ---------------------------------------------------------------------------
// Postgres errors
// ---------------------------------------------------------------------------

/** What the request was doing, to word the hosted-style privilege hint. */
export interface PgErrorContext {
  /** The effective role (anon → 401 on 42501, anything else → 403). */
  role: string
  anonRole: string
  /** The request's main relation and the privileges its statement needs on it. */
  mainRelation?: { schema: string; name: string; privileges: string[] }
  /** Finds the schema of a relation named in a "permission denied" message. */
  schemaOf(relation: string): string | null
}

/** SQLSTATE → HTTP status, as PostgREST's `mapSQLtoHTTP`. */
export function pgStatus(code: string, message: string, authed: boolean): number {
  if (code.startsWith('08')) return 503
  if (code.startsWith('09')) return 500
  if (code.startsWith('0L') || code.startsWith('0P')) return 403
  if (code === '23503' || code === '23505') return 409
  if (code === '25006') return 405
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500
  if (code === '22023') return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400
  if (code.startsWith('25')) return 500
  if (code.startsWith('28')) return 403
  if (code.startsWith('2D')) return 500
  if (/^(38|39|3B|40)/.test(code)) return 500
  if (code === '53400') return 500
  if (code.startsWith('53')) return 503
  if (code.startsWith('54') || code.startsWith('55')) return 500
  if (code === '57P01') return 503
  if (code.startsWith('57') || code.startsWith('58') || code.startsWith('F0') || code.startsWith('HV')) return 500
  if (code === 'P0001') return 400
  if (code.startsWith('P0') || code.startsWith('XX')) return 500
  if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404
  if (code === '42P01') return 404
  if (code === '42P17') return 500
  if (code === '42501') return authed ? 403 : 401
  if (code.startsWith('PT')) {
    const n = Number(code.slice(2))
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500
  }
  return 400
}

const PRIVILEGE_ORDER = ['SELECT', 'INSERT', 'UPDATE', 'DELETE']

/**
 * Hosted Supabase's Postgres attaches a HINT to privilege errors that stock
 * PostgreSQL does not produce ("Grant the required privileges to the current
 * role with: GRANT SELECT ON public.x TO anon;"). We synthesise it from the
 * relation named in the message and what the statement needed on it.
 */
function privilegeHint(message: string, ctx: PgErrorContext): string | null {
  const m = /^permission denied for (table|view|materialized view|sequence|function|schema|foreign table) (.+)$/.exec(message)
  if (!m) return null
  const [, kind, name] = m
  if (kind === 'schema') return `Grant the required privileges to the current role with: GRANT USAGE ON SCHEMA ${name} TO ${ctx.role};`
  if (kind === 'function') {
    const schema = ctx.schemaOf(name) ?? 'public'
    return `Grant the required privileges to the current role with: GRANT EXECUTE ON FUNCTION ${schema}.${name} TO ${ctx.role};`
  }
  if (kind === 'sequence') {
    const schema = ctx.schemaOf(name) ?? 'public'
    return `Grant the required privileges to the current role with: GRANT USAGE, SELECT ON SEQUENCE ${schema}.${name} TO ${ctx.role};`
  }
  const main = ctx.mainRelation
  const schema = main && main.name === name ? main.schema : (ctx.schemaOf(name) ?? 'public')
  const privileges = main && main.name === name ? main.privileges : ['SELECT']
  const sorted = [...new Set(privileges)].sort((a, b) => PRIVILEGE_ORDER.indexOf(a) - PRIVILEGE_ORDER.indexOf(b))
  return `Grant the required privileges to the current role with: GRANT ${sorted.join(', ')} ON ${schema}.${name} TO ${ctx.role};`
}

/** Turns a node-postgres error into PostgREST's error response. */
export function fromPgError(e: any, ctx: PgErrorContext): RestError {
  const code: string = typeof e?.code === 'string' ? e.code : ''
  if (!code) {
    // Connection-level failure (server gone, socket closed): PostgREST's PGRST000.
    return new RestError(503, 'PGRST000', 'Database connection error. Retrying the connection.', e?.message ?? null)
  }
  const message: string = e.message ?? ''
  const details: string | null = e.detail ?? null
  let hint: string | null = e.hint ?? null

  if (code === 'PGRST') return raisePgrst(message, details)

  const authed = ctx.role !== ctx.anonRole
  const status = pgStatus(code, message, authed)
  if (code === '42501' && hint === null) hint = privilegeHint(message, ctx)
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
  return new RestError(status, code, message, details, hint, headers)
}

/**
 * `RAISE SQLSTATE 'PGRST' USING message = '{"code":..,"message":..}', detail = '{"status":..,"headers":{..}}'`
 * gives the function full control of the response.
 */
function raisePgrst(message: string, detail: string | null): RestError {
  let msg: any
  try {
    msg = JSON.parse(message)
  } catch {}
  if (!msg || typeof msg !== 'object' || typeof msg.code !== 'string' || typeof msg.message !== 'string') {
    return new RestError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      `Invalid JSON value for MESSAGE: '${message}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    )
  }
  if (detail === null) {
    return new RestError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      'DETAIL is missing in the RAISE statement',
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    )
  }
  let det: any
  try {
    det = JSON.parse(detail)
  } catch {}
  if (!det || typeof det !== 'object' || typeof det.status !== 'number' || typeof det.headers !== 'object' || det.headers === null) {
    return new RestError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      `Invalid JSON value for DETAIL: '${detail}'`,
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    )
  }
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(det.headers)) headers[k] = String(v)
  return new RestError(det.status, msg.code, msg.message, msg.details ?? null, msg.hint ?? null, headers)
}
