// The /rest/v1 request handler: authenticate, parse, plan, run in one
// transaction, answer — in PostgREST's order, so that when a request has
// several problems the same error wins (JWT, then request syntax, then
// schema cache lookups, then the database).
import type pg from 'pg'
import type { KeyRing } from '../keys.ts'
import {
  buildReadTree, compileCall, compileCountOnly, compileMutation, compileRead, type BodyHandler, type Compiled,
  type CountMode, type Payload, type ReadNode,
} from './compiler.ts'
import { inTransaction, type RequestSettings, type Row, type Tx } from './db.ts'
import {
  RestError, errorResponse, fromPgError, gucHeadersError, gucStatusError, invalidBody, invalidFilters, invalidPreferences,
  invalidRange, invalidResourcePath, invalidRpcMethod, jwtClaimsError, jwtDecodeError, maxAffectedRpcViolation,
  maxAffectedViolation, openApiDisabled, putLimitNotAllowed, putMatchingPk, singularityError, unacceptableSchema,
  unsupportedMethod,
} from './errors.ts'
import {
  contentRange, contentType, intersect, negotiate, parsePrefer, parseRangeHeader, preferenceApplied, rangeStatus,
  type MediaType, type Preferences,
} from './http.ts'
import { parseQueryParams, parseQueryString } from './parser.ts'
import { findRoutine, findTable, getTable, type Routine, type SchemaCache, type Table } from './schema-cache.ts'
import type { LogicTree, QueryParams, Range } from './types.ts'

export interface HandlerDeps {
  pool: pg.Pool
  cache(): SchemaCache
  keys: KeyRing
  maxRows: number | null
  exposedSchemas: string[]
  anonRole: string
  /** Extra schemas appended to the search_path (`db-extra-search-path`). */
  extraSearchPath: string[]
  log(message: string): void
}

interface Auth {
  role: string
  /** The verified claims, null when no token was presented. */
  claims: Record<string, unknown> | null
}

const ALL: Range = { offset: 0, limit: null }

// ---------------------------------------------------------------------------
// Authentication (PostgREST's Auth.hs + its JWT cache)
// ---------------------------------------------------------------------------

function createAuthenticator(keys: KeyRing, anonRole: string) {
  // Verified tokens, so repeated requests with the same session skip the
  // signature check (PostgREST keeps a similar cache). Expiry is re-checked.
  const cache = new Map<string, { auth: Auth; exp: number | null }>()
  const MAX = 5000
  return async (bearer: string | null): Promise<Auth> => {
    if (bearer === null) return { role: anonRole, claims: null }
    const hit = cache.get(bearer)
    if (hit && (hit.exp === null || hit.exp + 30 > Date.now() / 1000)) return hit.auth
    if (hit) cache.delete(bearer)
    const result = await keys.verify(bearer)
    if (!result.ok) {
      const { kind, message } = result.error
      throw kind === 'expired' || kind === 'not_yet_valid' ? jwtClaimsError(message) : jwtDecodeError(message)
    }
    const claims = result.claims as Record<string, unknown>
    const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : anonRole
    const auth = { role, claims }
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!)
    cache.set(bearer, { auth, exp: typeof claims.exp === 'number' ? claims.exp : null })
    return auth
  }
}

// ---------------------------------------------------------------------------
// Request body
// ---------------------------------------------------------------------------

/** Minimal RFC 4180 reader for `text/csv` bodies (`NULL` reads as null, like PostgREST). */
function csvToJson(text: string): Record<string, string | null>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  const [header, ...body] = rows
  if (!header) return []
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === 'NULL' ? null : (r[i] ?? null)])))
}

async function readPayload(req: Request, columns: string[] | null, isRpc: boolean): Promise<Payload> {
  const ct = (req.headers.get('content-type') ?? 'application/json').split(';')[0].trim().toLowerCase()
  let text = await req.text()
  let value: unknown
  if (ct === 'application/json' || ct === '') {
    if (isRpc && text === '') text = '{}'
    try {
      value = JSON.parse(text)
    } catch {
      throw invalidBody('Empty or invalid json')
    }
  } else if (ct === 'text/csv') {
    value = csvToJson(text)
    text = JSON.stringify(value)
  } else if (ct === 'application/x-www-form-urlencoded') {
    value = Object.fromEntries(parseQueryString(text).map(([k, v]) => [k, v ?? '']))
    text = JSON.stringify(value)
  } else {
    throw invalidBody(`Content-Type not acceptable: ${ct}`)
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value)
  if (columns) return { json: text, isObject, columns }
  if (isObject) return { json: text, isObject, columns: Object.keys(value as object) }
  if (Array.isArray(value)) {
    if (value.length === 0) return { json: text, isObject: false, columns: [] }
    const first = value[0]
    if (first === null || typeof first !== 'object' || Array.isArray(first)) throw invalidBody('All object keys must match')
    const keys = Object.keys(first).sort()
    const uniform = value.every((o) => {
      if (o === null || typeof o !== 'object' || Array.isArray(o)) return false
      const k = Object.keys(o).sort()
      return k.length === keys.length && k.every((x, i) => x === keys[i])
    })
    if (!uniform) throw invalidBody('All object keys must match')
    return { json: text, isObject: false, columns: Object.keys(first) }
  }
  // Scalars are read as an empty array, as PostgREST does.
  return { json: '[]', isObject: false, columns: [] }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function bodyHandler(media: MediaType): BodyHandler {
  switch (media.kind) {
    case 'single':
      return { kind: 'single', strip: media.strip }
    case 'array-strip':
      return { kind: 'json', strip: true }
    case 'csv':
      return { kind: 'csv' }
    default:
      return { kind: 'json', strip: false }
  }
}

function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i === -1) continue
    const k = part.slice(0, i).trim()
    if (k && !(k in out)) out[k] = part.slice(i + 1).trim()
  }
  return out
}

/** Root filters and root or=/and= trees: the WHERE of a mutation. */
function rootLogic(qp: QueryParams): LogicTree[] {
  return [
    ...qp.filters.filter((f) => f.path.length === 0).map((f) => ({ kind: 'stmt' as const, filter: f.filter })),
    ...qp.logic.filter((l) => l.path.length === 0).map((l) => l.tree),
  ]
}

/** `response.headers` / `response.status` set by SQL functions override PostgREST's. */
function applyGucOverrides(row: Record<string, string | null>, status: number, headers: Record<string, string>): number {
  const rh = row.response_headers
  if (rh) {
    let parsed: unknown
    try {
      parsed = JSON.parse(rh)
    } catch {
      throw gucHeadersError()
    }
    if (!Array.isArray(parsed)) throw gucHeadersError()
    for (const obj of parsed) {
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw gucHeadersError()
      const entries = Object.entries(obj)
      if (entries.length !== 1 || typeof entries[0][1] !== 'string') throw gucHeadersError()
      // The function's header replaces PostgREST's own (same name, any case).
      const name = entries[0][0]
      for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k]
      headers[name] = entries[0][1] as string
    }
  }
  const rs = row.response_status
  if (rs) {
    const n = Number(rs)
    if (!/^\d+$/.test(rs.trim()) || n < 100 || n > 599) throw gucStatusError()
    return n
  }
  return status
}

async function plannedCount(tx: Tx, root: ReadNode): Promise<number | null> {
  const c = compileCountOnly(root)
  const rows = await tx.query({ sql: `EXPLAIN (FORMAT JSON) ${c.sql}`, params: c.params })
  try {
    const plan = JSON.parse(Object.values(rows[0])[0] as string)
    const n = plan?.[0]?.Plan?.['Plan Rows']
    return typeof n === 'number' ? n : null
  } catch {
    return null
  }
}

/** The table total for Content-Range, according to `Prefer: count=`. */
async function resolveTotal(
  tx: Tx, count: CountMode, root: ReadNode, exact: string | null, maxRows: number | null,
): Promise<number | null> {
  if (count === 'exact') return exact === null ? null : Number(exact)
  if (count === 'planned') return plannedCount(tx, root)
  if (count === 'estimated') {
    const n = exact === null ? null : Number(exact)
    if (n !== null && maxRows !== null && n > maxRows) {
      const planned = await plannedCount(tx, root)
      return planned !== null && planned > n ? planned : n
    }
    return n
  }
  return null
}

function outOfRangeBody(offset: number, total: number | null): string {
  return new RestError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total ?? 0} rows.`).body()
}

// ---------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------

/** Node's IncomingMessage headers of a request, when the HTTP adapter exposes them. */
const rawHeaders = new WeakMap<Request, Record<string, string | string[] | undefined>>()

export function createHandler(deps: HandlerDeps) {
  const authenticate = createAuthenticator(deps.keys, deps.anonRole)

  /** The `select set_config(...)` statement, in PostgREST's order (role settings before the role). */
  function settingsFor(
    cache: SchemaCache, schema: string, auth: Auth, req: Request, path: string, bearer: string | null,
    readOnly: boolean, timezone: string | null, funcSettings: [string, string][],
  ): RequestSettings {
    const headers: Record<string, string> = {}
    const raw = rawHeaders.get(req)
    if (raw) {
      // Node's own parsed headers: lower-cased already, and no undici Headers to build.
      for (const k in raw) {
        const v = raw[k]
        if (k !== 'cookie' && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
      }
    } else {
      req.headers.forEach((v, k) => {
        if (k !== 'cookie') headers[k] = v
      })
    }
    // The gateway put this token in Authorization (hosted Kong rewrites the header itself).
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`
    const claims = JSON.stringify({ ...(auth.claims ?? {}), role: auth.role })
    const rs = cache.roleSettings.get(auth.role)
    const searchPath = [schema, ...deps.extraSearchPath].map((s) => `"${s.replace(/"/g, '""')}"`).join(', ')
    const pairs: [string, string][] = [
      ['search_path', searchPath],
      ...(rs?.settings ?? []),
      ['role', auth.role],
      ['request.jwt.claims', claims],
      ['request.method', req.method.toUpperCase()],
      ['request.path', path],
      ['request.headers', JSON.stringify(headers)],
      ['request.cookies', JSON.stringify(parseCookies(req.headers.get('cookie')))],
      ...(timezone ? [['timezone', timezone] as [string, string]] : []),
      ...funcSettings,
    ]
    const iso = rs?.isolation
    return {
      readOnly,
      isolation: iso === 'repeatable read' || iso === 'serializable' ? iso : 'read committed',
      settings: pairs,
    }
  }

  async function handle(req: Request, bearer: string | null): Promise<Response> {
    const auth = await authenticate(bearer)
    const url = new URL(req.url)
    let path = url.pathname
    if (path.startsWith('/rest/v1')) path = path.slice('/rest/v1'.length)
    if (path === '') path = '/'
    const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : url.search
    const method = req.method.toUpperCase()
    const segments = path === '/' ? [] : path.slice(1).split('/').map((s) => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    })

    let target: { kind: 'root' } | { kind: 'relation'; name: string } | { kind: 'rpc'; name: string }
    if (segments.length === 0) target = { kind: 'root' }
    else if (segments.length === 1 && segments[0] !== '') target = { kind: 'relation', name: segments[0] }
    else if (segments.length === 2 && segments[0] === 'rpc' && segments[1] !== '') target = { kind: 'rpc', name: segments[1] }
    else throw invalidResourcePath()

    const isRead = method === 'GET' || method === 'HEAD'
    if (target.kind === 'root') {
      if (isRead) throw openApiDisabled()
      throw unsupportedMethod(method)
    }
    if (target.kind === 'rpc' && !isRead && method !== 'POST') throw invalidRpcMethod(method)
    if (target.kind === 'relation' && !['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) {
      throw unsupportedMethod(method)
    }

    const profile = req.headers.get(isRead ? 'accept-profile' : 'content-profile')
    const schema = profile ?? deps.exposedSchemas[0]
    if (!deps.exposedSchemas.includes(schema)) throw unacceptableSchema(schema, deps.exposedSchemas)

    const cache = deps.cache()
    const prefs = parsePrefer(req.headers.get('prefer') ? [req.headers.get('prefer')!] : [], cache.timezones)
    const qp = parseQueryParams(rawQuery, target.kind === 'rpc' && isRead)

    // Top-level range: limit/offset intersected with the Range header (reads only).
    const qsRange = qp.ranges.get('') ?? ALL
    if (qsRange.limit !== null && qsRange.limit < 0) throw invalidRange('Limit should be greater than or equal to zero.')
    const headerRange = isRead ? parseRangeHeader(req.headers.get('range')) : null
    const topRange = headerRange ? intersect(headerRange, qsRange) : qsRange
    if (headerRange) qp.ranges.set('', topRange)

    const needsBody = target.kind === 'rpc' ? method === 'POST' : method === 'POST' || method === 'PATCH' || method === 'PUT'
    const payload = needsBody ? await readPayload(req, qp.columns, target.kind === 'rpc') : null

    const common = { req, path, bearer, auth, cache, schema, prefs, qp, topRange, method }
    if (target.kind === 'rpc') return call({ ...common, name: target.name, payload })
    const table = findTable(cache, schema, target.name)
    if (isRead) return read({ ...common, table })
    return mutate({ ...common, table, payload: payload })
  }

  interface Common {
    req: Request
    path: string
    bearer: string | null
    auth: Auth
    cache: SchemaCache
    schema: string
    prefs: Preferences
    qp: QueryParams
    topRange: Range
    method: string
  }

  function checkStrict(prefs: Preferences) {
    if (prefs.handling === 'strict' && prefs.invalid.length) throw invalidPreferences(prefs.invalid)
  }

  function pgContext(c: Common, main?: { table: Table; privileges: string[] }) {
    return {
      role: c.auth.role,
      anonRole: deps.anonRole,
      mainRelation: main ? { schema: main.table.schema, name: main.table.name, privileges: main.privileges } : undefined,
      schemaOf: (name: string) => {
        if (getTable(c.cache, c.schema, name)) return c.schema
        for (const s of deps.exposedSchemas) if (getTable(c.cache, s, name)) return s
        return null
      },
    }
  }

  /**
   * Runs the transaction. `autoCommit` lets COMMIT travel with the statement
   * (one round trip) when nothing in the response can condemn it.
   */
  async function run<T>(
    c: Common, settings: RequestSettings, rel: { table: Table; privileges: string[] } | undefined,
    main: Compiled | null, autoCommit: boolean, fn: (rows: Row[], tx: Tx) => Promise<{ commit: boolean; value: T }>,
  ): Promise<T> {
    try {
      return await inTransaction(deps.pool, settings, main, autoCommit, fn)
    } catch (e: any) {
      if (e instanceof RestError) throw e
      throw fromPgError(e, pgContext(c, rel))
    }
  }

  /** Response headers as a plain object: @hono/node-server then skips building a Headers object. */
  function baseHeaders(c: Common, media: MediaType | null): Record<string, string> {
    return media ? { 'Content-Type': contentType(media), 'Content-Profile': c.schema } : {}
  }

  // GET/HEAD on a table or view ------------------------------------------------
  async function read(c: Common & { table: Table }): Promise<Response> {
    const root = buildReadTree({
      cache: c.cache, schema: c.schema, action: 'read', rootTable: c.table, rootName: c.table.name, qp: c.qp, maxRows: deps.maxRows,
    })
    const media = negotiate(c.req.headers.get('accept'))
    checkStrict(c.prefs)
    const head = c.method === 'HEAD'
    const compiled = compileRead({ root, body: head ? { kind: 'none' } : bodyHandler(media), count: c.prefs.count, maxRows: deps.maxRows })
    const settings = settingsFor(c.cache, c.schema, c.auth, c.req, c.path, c.bearer, true, c.prefs.timezone, [])
    const needsExplain = c.prefs.count === 'planned' || c.prefs.count === 'estimated'
    return run(c, settings, { table: c.table, privileges: ['SELECT'] }, compiled, !needsExplain, async (rows, tx) => {
      const row = rows[0]
      const pageTotal = Number(row.page_total)
      const total = await resolveTotal(tx, c.prefs.count, root, row.total_result_set, deps.maxRows)
      if (media.kind === 'single' && pageTotal !== 1) throw singularityError(pageTotal)
      const { status, contentRange: cr } = rangeStatus(c.topRange, pageTotal, total)
      const headers = baseHeaders(c, media)
      headers['Content-Range'] = cr
      headers['Content-Location'] = `/${c.table.name}${c.qp.canonical ? `?${c.qp.canonical}` : ''}`
      const pa = preferenceApplied({ count: c.prefs.count, handling: c.prefs.handling, timezone: c.prefs.timezone })
      if (pa) headers['Preference-Applied'] = pa
      const finalStatus = applyGucOverrides(row, status, headers)
      const body = status === 416 ? outOfRangeBody(c.topRange.offset, total) : head ? null : row.body
      return { commit: true, value: new Response(body, { status: finalStatus, headers }) }
    })
  }

  // POST/PATCH/PUT/DELETE on a table or view ------------------------------------
  async function mutate(c: Common & { table: Table; payload: Payload | null }): Promise<Response> {
    const kinds: Record<string, 'insert' | 'update' | 'put' | 'delete'> = { POST: 'insert', PATCH: 'update', PUT: 'put', DELETE: 'delete' }
    const kind = kinds[c.method]
    const t = c.table
    if (kind === 'put') {
      if (c.qp.ranges.has('')) throw putLimitNotAllowed()
      const rootFilters = c.qp.filters.filter((f) => f.path.length === 0)
      const okFilters =
        t.pk.length > 0 &&
        !c.qp.logic.some((l) => l.path.length === 0) &&
        rootFilters.length === t.pk.length &&
        t.pk.every((k) => rootFilters.some((f) => f.filter.field.name === k)) &&
        rootFilters.every((f) => !f.filter.expr.negated && f.filter.expr.operation.kind === 'quant' &&
          f.filter.expr.operation.op === 'eq' && !f.filter.expr.operation.quantifier && !f.filter.field.path.length)
      if (!okFilters) throw invalidFilters()
    }
    const root = buildReadTree({ cache: c.cache, schema: c.schema, action: 'mutate', rootTable: t, rootName: t.name, qp: c.qp, maxRows: null })
    const media = negotiate(c.req.headers.get('accept'))
    checkStrict(c.prefs)
    const rep = c.prefs.representation
    const returnsRows = rep === 'full' || rep === 'headers-only'
    const compiled = compileMutation({
      kind,
      table: t,
      root,
      body: rep === 'full' ? bodyHandler(media) : { kind: 'none' },
      payload: c.payload,
      where: rootLogic(c.qp),
      returnsRows,
      headersOnly: rep === 'headers-only',
      resolution: kind === 'insert' ? c.prefs.resolution : null,
      onConflict: c.qp.onConflict,
      applyDefaults: c.prefs.missing === 'default',
    })
    // What the statement needs on the table, for the hosted-style 42501 hint.
    const privileges =
      kind === 'insert'
        ? ['INSERT', ...(returnsRows ? ['SELECT'] : []), ...(c.prefs.resolution === 'merge-duplicates' ? ['SELECT', 'UPDATE'] : [])]
        : kind === 'put'
          ? ['SELECT', 'INSERT', 'UPDATE']
          : [kind === 'update' ? 'UPDATE' : 'DELETE', ...(compiled.hasWhere || returnsRows ? ['SELECT'] : [])]
    const settings = settingsFor(c.cache, c.schema, c.auth, c.req, c.path, c.bearer, false, c.prefs.timezone, [])
    // Hosted loads pg-safeupdate for the API role: UPDATE/DELETE without WHERE fails in
    // the database, after the role switch — so the transaction is opened, then refused.
    const refused = compiled.isUpdateOrDelete && !compiled.hasWhere
    // Responses that may be condemned after the fact keep the transaction open for a decision.
    const condemnable =
      media.kind === 'single' || kind === 'put' ||
      ((kind === 'update' || kind === 'delete') && c.prefs.handling === 'strict' && c.prefs.maxAffected !== null)
    return run(c, settings, { table: t, privileges }, refused ? null : compiled, !refused && !condemnable, async (rows) => {
      if (refused) throw new RestError(400, '21000', `${kind === 'update' ? 'UPDATE' : 'DELETE'} requires a WHERE clause`)
      const row = rows[0]
      const pageTotal = Number(row.page_total)
      if (media.kind === 'single' && pageTotal !== 1) throw singularityError(pageTotal)
      if ((kind === 'update' || kind === 'delete') && c.prefs.handling === 'strict' && c.prefs.maxAffected !== null && pageTotal > c.prefs.maxAffected) {
        throw maxAffectedViolation(pageTotal)
      }
      if (kind === 'put' && pageTotal !== 1) throw putMatchingPk()
      const total = c.prefs.count === 'exact' || c.prefs.count === 'estimated' ? pageTotal : null
      const full = rep === 'full'
      const headers = baseHeaders(c, full ? media : null)
      let status: number
      const common = { representation: rep, count: c.prefs.count, handling: c.prefs.handling, timezone: c.prefs.timezone }
      if (kind === 'insert') {
        const loc = parsePgArray(row.header)
        if (loc.length) headers['Location'] = `/${t.name}?${loc.map(encodeLocationPair).join('&')}`
        headers['Content-Range'] = contentRange(1, 0, total)
        const inserted = row.response_inserted ? Number(row.response_inserted) : null
        status = inserted !== null && inserted <= 0 && c.prefs.resolution === 'merge-duplicates' ? 200 : 201
        const pa = preferenceApplied({
          ...common,
          resolution: t.pk.length || c.qp.onConflict ? c.prefs.resolution : null,
          missing: c.prefs.missing,
        })
        if (pa) headers['Preference-Applied'] = pa
      } else if (kind === 'update') {
        headers['Content-Range'] = contentRange(0, pageTotal - 1, total)
        status = full ? 200 : 204
        const pa = preferenceApplied({ ...common, missing: c.prefs.missing, maxAffected: c.prefs.maxAffected })
        if (pa) headers['Preference-Applied'] = pa
      } else if (kind === 'delete') {
        headers['Content-Range'] = contentRange(1, 0, total)
        status = full ? 200 : 204
        const pa = preferenceApplied({ ...common, maxAffected: c.prefs.maxAffected })
        if (pa) headers['Preference-Applied'] = pa
      } else {
        const inserted = row.response_inserted ? Number(row.response_inserted) : 0
        status = full ? (inserted > 0 ? 201 : 200) : 204
        const pa = preferenceApplied(common)
        if (pa) headers['Preference-Applied'] = pa
      }
      const finalStatus = applyGucOverrides(row, status, headers)
      return { commit: true, value: new Response(full ? row.body : null, { status: finalStatus, headers }) }
    })
  }

  // RPC -------------------------------------------------------------------------
  async function call(c: Common & { name: string; payload: Payload | null }): Promise<Response> {
    const isPost = c.method === 'POST'
    const argKeys = isPost ? new Set(c.payload!.columns) : new Set(c.qp.rpcArgs.map(([k]) => k))
    const routine: Routine = findRoutine(c.cache, c.schema, c.name, argKeys, isPost, c.prefs.singleObject)
    const retTable = routine.returnTable ? getTable(c.cache, c.schema, routine.returnTable) : undefined
    const root = buildReadTree({
      cache: c.cache, schema: c.schema, action: 'call', rootTable: retTable, rootName: routine.returnTable ?? routine.name, qp: c.qp, maxRows: deps.maxRows,
    })
    const media = negotiate(c.req.headers.get('accept'))
    checkStrict(c.prefs)
    const strictMax = c.prefs.handling === 'strict' && c.prefs.maxAffected !== null
    if (strictMax && !routine.returnsSet) throw maxAffectedRpcViolation()
    const head = c.method === 'HEAD'
    const singleParam = c.prefs.singleObject || (routine.params.length === 1 && routine.params[0].name === '')
    const directArgs = new Map<string, string[]>()
    for (const [k, v] of c.qp.rpcArgs) directArgs.set(k, [...(directArgs.get(k) ?? []), v])
    const compiled: Compiled = compileCall({
      routine,
      root,
      body: head ? { kind: 'none' } : bodyHandler(media),
      count: c.prefs.count,
      maxRows: deps.maxRows,
      args: isPost
        ? { kind: 'json', payload: c.payload!, keys: argKeys }
        : singleParam
          ? { kind: 'json', payload: { json: JSON.stringify(Object.fromEntries(c.qp.rpcArgs)), isObject: true, columns: [] }, keys: new Set() }
          : { kind: 'direct', values: directArgs },
      singleParam,
    })
    const readOnly = !isPost || routine.volatility !== 'v'
    const settings = settingsFor(c.cache, c.schema, c.auth, c.req, c.path, c.bearer, readOnly, c.prefs.timezone, routine.settings)
    const autoCommit = media.kind !== 'single' && !strictMax && c.prefs.count !== 'planned' && c.prefs.count !== 'estimated'
    return run(c, settings, undefined, compiled, autoCommit, async (rows, tx) => {
      const row = rows[0]
      const pageTotal = Number(row.page_total)
      const total = await resolveTotal(tx, c.prefs.count, root, row.total_result_set, deps.maxRows)
      if (media.kind === 'single' && pageTotal !== 1) throw singularityError(pageTotal)
      if (strictMax && pageTotal > c.prefs.maxAffected!) throw maxAffectedViolation(pageTotal)
      const { status, contentRange: cr } = rangeStatus(c.topRange, pageTotal, total)
      const isVoid = routine.returnKind === 'void'
      const headers = baseHeaders(c, isVoid ? null : media)
      headers['Content-Range'] = cr
      const pa = preferenceApplied({ count: c.prefs.count, handling: c.prefs.handling, timezone: c.prefs.timezone, maxAffected: c.prefs.maxAffected })
      if (pa) headers['Preference-Applied'] = pa
      const finalStatus = applyGucOverrides(row, isVoid ? 204 : status, headers)
      const body = isVoid ? null : status === 416 ? outOfRangeBody(c.topRange.offset, total) : head ? null : row.body
      return { commit: true, value: new Response(body, { status: finalStatus, headers }) }
    })
  }

  return async (
    req: Request, bearer: string | null, nodeHeaders?: Record<string, string | string[] | undefined>,
  ): Promise<Response> => {
    if (nodeHeaders) rawHeaders.set(req, nodeHeaders)
    try {
      return await handle(req, bearer)
    } catch (e: any) {
      if (e instanceof RestError) return errorResponse(e)
      deps.log(`erreur inattendue /rest/v1 : ${e?.stack ?? e}`)
      return errorResponse(new RestError(500, 'PGRSTX00', 'Internal server error', null, null))
    }
  }
}

/** Postgres text array `{a=eq.1,"b=eq.x y"}` → strings. */
function parsePgArray(v: string | null): string[] {
  if (!v || v === '{}') return []
  const out: string[] = []
  const s = v.slice(1, -1)
  let i = 0
  while (i < s.length) {
    if (s[i] === '"') {
      let cur = ''
      i++
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') i++
        cur += s[i++]
      }
      i++
      out.push(cur)
    } else {
      const j = s.indexOf(',', i)
      out.push(s.slice(i, j === -1 ? undefined : j))
      i = j === -1 ? s.length : j
    }
    if (s[i] === ',') i++
  }
  return out
}

/** `id=eq.5` rendered like http-types renderSimpleQuery (values percent-encoded). */
function encodeLocationPair(pair: string): string {
  const i = pair.indexOf('=')
  const enc = (x: string) => encodeURIComponent(x).replace(/[!'()*]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase())
  return `${enc(pair.slice(0, i))}=${enc(pair.slice(i + 1))}`
}
