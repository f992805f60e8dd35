// The compiler: query tree (parser.ts) + schema cache → SQL with bound
// parameters. It reproduces PostgREST's planner (Plan.hs) and query builder
// (QueryBuilder.hs / SqlFragment.hs) closely, because the SQL *shape* is
// observable: it decides RLS behaviour (RETURNING 1 vs RETURNING columns),
// null vs [] for embeds, !inner semantics, column names in Postgres error
// messages (aliases like "directors_1"), and how values are coerced.
//
// Values are never inlined: every user value is a parameter sent as text
// with no declared type, so Postgres infers the type from context exactly as
// it does for PostgREST's `unknown`-typed parameters.
import {
  aggregatesNotAllowed, columnNotFound, notEmbedded, relatedOrderNotToOne, unacceptableFilter,
} from './errors.ts'
import {
  findRelationship, getTable, relIsToOne, type QI, type Relationship, type Routine, type SchemaCache, type Table,
} from './schema-cache.ts'
import type { Field, Filter, LogicTree, OrderTerm, QueryParams, Range, SelectEmbed, SelectField, SelectItem } from './types.ts'

// ---------------------------------------------------------------------------
// SQL fragments
// ---------------------------------------------------------------------------

/** `"ident"` with embedded quotes doubled; NUL and what follows is dropped like PostgREST does. */
export function ident(name: string): string {
  const cut = name.indexOf('\u0000')
  return `"${(cut === -1 ? name : name.slice(0, cut)).replace(/"/g, '""')}"`
}
const qiSql = (q: QI) => (q.schema ? `${ident(q.schema)}.` : '') + ident(q.name)

/** Collects parameter values; placeholders are `$n` of unknown type. */
export class Params {
  values: string[] = []
  add(value: string): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

export interface Compiled {
  sql: string
  params: string[]
}

/** How the response body is built (PostgREST's media handlers). */
export type BodyHandler =
  | { kind: 'json'; strip: boolean }
  | { kind: 'single'; strip: boolean }
  | { kind: 'csv' }
  | { kind: 'none' }

// ---------------------------------------------------------------------------
// Plan: the embed tree resolved against the schema cache
// ---------------------------------------------------------------------------

type ResolvedLogic =
  | { kind: 'expr'; negated: boolean; op: 'and' | 'or'; children: ResolvedLogic[] }
  | { kind: 'filter'; filter: Filter }
  | { kind: 'nullEmbed'; isNotNull: boolean; aggAlias: string }

interface ResolvedOrder {
  term: OrderTerm
  /** For `embed(col)` terms, the lateral alias the column is read from. */
  relAggAlias?: string
}

export interface ReadNode {
  relName: string
  relAlias?: string
  relHint?: string
  joinType?: 'inner' | 'left'
  spread: boolean
  depth: number
  fields: SelectField[]
  children: ReadNode[]
  logic: ResolvedLogic[]
  rawLogic: LogicTree[]
  order: ResolvedOrder[]
  rawOrder: OrderTerm[]
  range: Range
  /** The relation read: a table/view, or the `pgrst_source` CTE (mutations, RPC) aliased to fromAlias. */
  from: QI | 'source'
  fromAlias?: string
  /** Schema cache entry for column types (json paths, fts), when known. */
  table?: Table
  rel?: Relationship
  aggAlias: string
  /** Pairs of already-formatted column references joined with `=`. */
  joinConds: [string, string][]
}

export type Action = 'read' | 'mutate' | 'call'

const ALL: Range = { offset: 0, limit: null }

function nodeQi(n: ReadNode): string {
  if (n.fromAlias) return ident(n.fromAlias)
  return n.from === 'source' ? 'pgrst_source' : qiSql(n.from)
}

function initTree(items: SelectItem[], rootName: string): ReadNode {
  const make = (name: string, depth: number, embed?: SelectEmbed): ReadNode => ({
    relName: name,
    relAlias: embed?.alias,
    relHint: embed?.hint,
    joinType: embed?.joinType,
    spread: embed?.spread ?? false,
    depth,
    fields: [],
    children: [],
    logic: [],
    rawLogic: [],
    order: [],
    rawOrder: [],
    range: ALL,
    from: 'source',
    aggAlias: '',
    joinConds: [],
  })
  const fill = (node: ReadNode, list: SelectItem[]) => {
    for (const it of list) {
      if (it.kind === 'field') node.fields.push(it)
      else {
        const child = make(it.relation, node.depth + 1, it)
        fill(child, it.children)
        node.children.push(child)
      }
    }
  }
  const root = make(rootName, 0)
  fill(root, items)
  return root
}

/** PostgREST's `updateNode`: follows an embed path by relation name or alias. */
function findNode(root: ReadNode, path: string[]): ReadNode {
  let node = root
  for (const name of path) {
    const next = node.children.find((c) => c.relName === name || c.relAlias === name)
    if (!next) throw notEmbedded(name)
    node = next
  }
  return node
}

export interface TreeOptions {
  cache: SchemaCache
  schema: string
  action: Action
  /** The root relation: its table (reads, mutations, RPC returning table rows) and the name it goes by. */
  rootTable?: Table
  rootName: string
  qp: QueryParams
  maxRows: number | null
}

/** Builds and resolves the read tree (PostgREST's `readPlan`). */
export function buildReadTree(o: TreeOptions): ReadNode {
  const { qp, action } = o
  const root = initTree(qp.select, o.rootName)

  // Aggregates (count(), .sum() …) are disabled on Supabase (db-aggregates-enabled = false).
  const walkAgg = (n: ReadNode) => {
    if (n.fields.some((f) => f.aggregate)) throw aggregatesNotAllowed()
    n.children.forEach(walkAgg)
  }
  walkAgg(root)

  // Filters: every one for reads/RPC; for mutations the root ones go to the mutation's WHERE.
  for (const { path, filter } of qp.filters) {
    if (action === 'mutate' && path.length === 0) continue
    findNode(root, path).rawLogic.push({ kind: 'stmt', filter })
  }
  if (action !== 'mutate') {
    for (const { path, terms } of qp.order) findNode(root, path).rawOrder = terms
    for (const [k, range] of qp.ranges) findNode(root, k ? k.split('.') : []).range = range
  }
  for (const { path, tree } of qp.logic) {
    if (action === 'mutate' && path.length === 0) continue
    findNode(root, path).rawLogic.push(tree)
  }

  // Root relation.
  if (action === 'read') {
    root.from = { schema: o.schema, name: o.rootName }
  } else {
    root.from = 'source'
    root.fromAlias = o.rootName
  }
  root.table = o.rootTable
  addRels(o.cache, o.schema, root, null)
  resolveOrdersAndNulls(root)
  if (action !== 'mutate' && o.maxRows !== null) restrictRanges(root, o.maxRows)
  return root
}

function addRels(cache: SchemaCache, schema: string, node: ReadNode, parent: ReadNode | null) {
  if (parent) {
    // At depth 1 the origin is the root's alias (the table name for pgrst_source), deeper the parent's table.
    const parentName = parent.from === 'source' ? parent.fromAlias! : parent.from.name
    const origin = node.depth === 1 ? (parent.fromAlias ?? parentName) : parentName
    const rel = findRelationship(cache, schema, origin, node.relName, node.relHint)
    node.rel = rel
    node.aggAlias = `${rel.table.name}_${node.relAlias ?? node.relName}_${node.depth}`
    node.from = rel.foreignTable
    node.table = getTable(cache, rel.foreignTable.schema, rel.foreignTable.name)
    const parentQi = nodeQi(parent)
    if (rel.kind === 'computed') {
      node.fromAlias = `${rel.foreignTable.name}_${node.depth}`
    } else if (rel.cardinality === 'M2M') {
      // The junction is joined implicitly in FROM; no alias on the target.
      const j = rel.junction!
      const jq = qiSql(j.table)
      const tq = qiSql(rel.foreignTable)
      node.joinConds = [
        ...j.targetColumns.map(([tc, jc]) => [`${jq}.${ident(jc)}`, `${tq}.${ident(tc)}`] as [string, string]),
        ...j.sourceColumns.map(([pc, jc]) => [`${jq}.${ident(jc)}`, `${parentQi}.${ident(pc)}`] as [string, string]),
      ]
    } else {
      node.fromAlias = `${rel.foreignTable.name}_${node.depth}`
      const cq = ident(node.fromAlias)
      node.joinConds = rel.columns.map(([c, fc]) => [`${cq}.${ident(fc)}`, `${parentQi}.${ident(c)}`] as [string, string])
    }
  }
  for (const child of node.children) addRels(cache, schema, child, node)
}

/** Related orders must target to-one embeds; null filters on embeds become (anti-)joins. */
function resolveOrdersAndNulls(node: ReadNode) {
  const childByName = (name: string) => node.children.find((c) => (c.relAlias ?? c.relName) === name)
  node.order = node.rawOrder.map((term) => {
    if (term.relation === undefined) return { term }
    const child = childByName(term.relation)
    if (!child) throw notEmbedded(term.relation)
    if (!child.rel || !relIsToOne(child.rel)) {
      throw relatedOrderNotToOne(node.from === 'source' ? node.fromAlias! : node.from.name, term.relation)
    }
    return { term, relAggAlias: child.aggAlias }
  })
  const resolve = (t: LogicTree): ResolvedLogic => {
    if (t.kind === 'expr') return { kind: 'expr', negated: t.negated, op: t.op, children: t.children.map(resolve) }
    const f = t.filter
    if (f.field.path.length === 0) {
      const child = childByName(f.field.name)
      if (child) {
        const op = f.expr.operation
        if (op.kind === 'is' && op.value === 'null') return { kind: 'nullEmbed', isNotNull: f.expr.negated, aggAlias: child.aggAlias }
        if (op.kind === 'is' && op.value === 'not_null') return { kind: 'nullEmbed', isNotNull: !f.expr.negated, aggAlias: child.aggAlias }
        throw unacceptableFilter(child.relName)
      }
    }
    return { kind: 'filter', filter: f }
  }
  // PostgREST prepends as it folds; keep request order, which only affects SQL text.
  node.logic = node.rawLogic.map(resolve)
  node.children.forEach(resolveOrdersAndNulls)
}

function restrictRanges(node: ReadNode, maxRows: number) {
  const r = node.range
  node.range = { offset: r.offset, limit: r.limit === null ? maxRows : Math.min(r.limit, maxRows) }
  node.children.forEach((c) => restrictRanges(c, maxRows))
}

// ---------------------------------------------------------------------------
// SQL for a read node
// ---------------------------------------------------------------------------

function columnOf(node: ReadNode, name: string) {
  return node.table?.columns.get(name)
}

/** `qi."col"` plus a JSON path; non-json columns go through to_jsonb() first. */
function fmtField(qi: string, f: Field, toJson: boolean, p: Params): string {
  const col = f.name === '*' ? `${qi}.*` : `${qi}.${ident(f.name)}`
  if (!f.path.length) return col
  let out = toJson ? `to_jsonb(${col})` : col
  for (const step of f.path) out += step.arrow + (step.isIndex ? `${p.add(step.value)}::int` : p.add(step.value))
  return out
}

function needsToJson(node: ReadNode, name: string): boolean {
  const c = columnOf(node, name)
  return !(c && (c.baseType === 'json' || c.baseType === 'jsonb'))
}

/** Output name of a select field without alias: the last JSON key, else the column. */
function defaultAlias(f: Field): string | undefined {
  if (!f.path.length) return undefined
  const last = f.path[f.path.length - 1]
  if (!last.isIndex) return last.value
  const lastKey = [...f.path].reverse().find((s) => !s.isIndex)
  return lastKey ? lastKey.value : f.name
}

function fmtSelectField(node: ReadNode, qi: string, s: SelectField, p: Params): string {
  let sql = fmtField(qi, s.field, needsToJson(node, s.field.name), p)
  if (s.cast) sql = `CAST( ${sql} AS ${s.cast} )`
  const alias = s.alias ?? defaultAlias(s.field)
  return alias !== undefined ? `${sql} AS ${ident(alias)}` : sql
}

const QUANT_SQL: Record<string, string> = {
  eq: '=', gte: '>=', gt: '>', lte: '<=', lt: '<', like: 'like', ilike: 'ilike', match: '~', imatch: '~*',
}
const SIMPLE_SQL: Record<string, string> = {
  neq: '<>', cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-',
}
const FTS_SQL: Record<string, string> = {
  fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery',
}

/** Array literal `{"a","b"}` built by hand so Postgres infers the element type (PostgREST's pgBuildArrayLiteral). */
function arrayLiteral(values: string[]): string {
  const esc = (v: string) => {
    const cut = v.indexOf('\u0000')
    const t = cut === -1 ? v : v.slice(0, cut)
    return `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  return `{${values.map(esc).join(',')}}`
}

export function fmtFilter(node: ReadNode, qi: string, f: Filter, p: Params): string {
  const op = f.expr.operation
  const col = columnOf(node, f.field.name)
  let field = fmtField(qi, f.field, needsToJson(node, f.field.name), p)
  // Full-text search on a text/json column searches its to_tsvector().
  if (op.kind === 'fts' && col && col.baseType !== 'tsvector' && !f.field.path.length) {
    field = `to_tsvector(${op.config !== undefined ? `${p.add(op.config)}, ` : ''}${field})`
  }
  let rhs: string
  switch (op.kind) {
    case 'simple':
      rhs = ` ${SIMPLE_SQL[op.op]} ${p.add(op.value)}`
      break
    case 'quant': {
      const value = op.op === 'like' || op.op === 'ilike' ? op.value.replace(/\*/g, '%') : op.value
      const ph = p.add(value)
      const operand = op.quantifier === 'any' ? `ANY(${ph})` : op.quantifier === 'all' ? `ALL(${ph})` : ph
      rhs = ` ${QUANT_SQL[op.op]} ${operand}`
      break
    }
    case 'in':
      rhs = op.values.length === 1 && op.values[0] === '' ? ` = ANY('{}') ` : ` = ANY (${p.add(arrayLiteral(op.values))}) `
      break
    case 'is':
      rhs = ` IS ${{ null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' }[op.value]}`
      break
    case 'isdistinct':
      rhs = ` IS DISTINCT FROM ${p.add(op.value)}`
      break
    case 'fts':
      rhs = ` @@ ${FTS_SQL[op.op]}(${op.config !== undefined ? `${p.add(op.config)}, ` : ''}${p.add(op.value)}) `
      break
  }
  return `${f.expr.negated ? 'NOT' : ''} ${field}${rhs}`
}

function fmtLogic(node: ReadNode, qi: string, t: ResolvedLogic, p: Params, countMode: ReadNode | null): string {
  if (t.kind === 'expr') {
    const inner = t.children.map((c) => fmtLogic(node, qi, c, p, countMode)).join(t.op === 'and' ? ' AND ' : ' OR ')
    return `${t.negated ? 'NOT' : ''} (${inner})`
  }
  if (t.kind === 'nullEmbed') {
    if (countMode) {
      // The count query has no lateral joins: test the embed with EXISTS instead.
      const child = countMode.children.find((c) => c.aggAlias === t.aggAlias)
      return child ? `${t.isNotNull ? '' : 'NOT '}EXISTS (${countQuery(child, p)})` : 'TRUE'
    }
    return `${ident(t.aggAlias)} IS ${t.isNotNull ? '' : 'NOT '}DISTINCT FROM NULL`
  }
  return fmtFilter(node, qi, t.filter, p)
}

function fromClause(node: ReadNode, parent: ReadNode | null): string {
  const rel = node.rel
  if (rel?.kind === 'computed' && parent) {
    const parentRef = parent.fromAlias ?? (parent.from === 'source' ? 'pgrst_source' : parent.from.name)
    return `FROM ${qiSql(rel.function)}(${ident(parentRef)}::${qiSql(rel.table)}) AS ${ident(node.fromAlias!)}`
  }
  const base = node.from === 'source' ? 'pgrst_source' : qiSql(node.from)
  const alias = node.fromAlias ? ` AS ${ident(node.fromAlias)}` : ''
  const junction = rel?.kind === 'fk' && rel.cardinality === 'M2M' ? `, ${qiSql(rel.junction!.table)}` : ''
  return `FROM ${base}${alias}${junction}`
}

function limitOffset(r: Range, p: Params): string {
  if (r.offset === 0 && r.limit === null) return ''
  return `LIMIT ${r.limit === null ? 'ALL' : p.add(String(r.limit))} OFFSET ${p.add(String(r.offset))}`
}

function orderClause(node: ReadNode, qi: string, p: Params): string {
  if (!node.order.length) return ''
  const terms = node.order.map(({ term, relAggAlias }) => {
    const field = relAggAlias
      ? fmtField(ident(relAggAlias), term.field, false, p)
      : fmtField(qi, term.field, needsToJson(node, term.field.name), p)
    const dir = term.direction ? ` ${term.direction.toUpperCase()}` : ''
    const nulls = term.nulls ? ` NULLS ${term.nulls.toUpperCase()}` : ''
    return `${field}${dir}${nulls}`
  })
  return `ORDER BY ${terms.join(', ')}`
}

/** Names a node outputs (needed to spread a to-many embed into per-column arrays). */
function outputNames(node: ReadNode): string[] {
  const names: string[] = []
  for (const f of node.fields) {
    if (f.field.name === '*' && !f.field.path.length) names.push(...(node.table?.columnList.map((c) => c.name) ?? []))
    else names.push(f.alias ?? defaultAlias(f.field) ?? f.field.name)
  }
  for (const c of node.children) {
    if (!c.fields.length && !c.children.length) continue
    if (c.spread) names.push(...outputNames(c))
    else names.push(c.relAlias ?? c.relName)
  }
  return names
}

/** PostgREST's readPlanToQuery. */
export function readQuery(node: ReadNode, p: Params, parent: ReadNode | null = null): string {
  const qi = nodeQi(node)
  const selects: string[] = []
  if (!node.fields.length && !node.children.length) selects.push(`${qi}.*`)
  for (const f of node.fields) selects.push(fmtSelectField(node, qi, f, p))
  const joins: string[] = []
  for (const child of node.children) {
    const sub = readQuery(child, p, node)
    const agg = ident(child.aggAlias)
    const name = ident(child.relAlias ?? child.relName)
    const empty = !child.fields.length && !child.children.length
    const joinKw = child.joinType === 'inner' ? 'INNER' : 'LEFT'
    if (relIsToOne(child.rel!)) {
      if (!empty) selects.push(child.spread ? `${agg}.*` : `row_to_json(${agg}.*)::jsonb AS ${name}`)
      joins.push(`${joinKw} JOIN LATERAL ( ${sub} ) AS ${agg} ON TRUE`)
    } else {
      const cond = child.joinType === 'inner' ? `${agg} IS NOT NULL` : 'TRUE'
      if (child.spread) {
        // To-many spread: each column becomes an array of the children's values.
        const cols = outputNames(child)
        for (const c of cols) selects.push(`COALESCE(${agg}.${ident(c)}, '[]') AS ${ident(c)}`)
        const aggs = [`json_agg(${agg})::jsonb AS ${agg}`, ...cols.map((c) => `json_agg(${agg}.${ident(c)})::jsonb AS ${ident(c)}`)]
        joins.push(`${joinKw} JOIN LATERAL ( SELECT ${aggs.join(', ')} FROM (${sub} ) AS ${agg} ) AS ${agg} ON ${cond}`)
      } else {
        if (!empty) selects.push(`COALESCE( ${agg}.${agg}, '[]') AS ${name}`)
        joins.push(`${joinKw} JOIN LATERAL ( SELECT json_agg(${agg})::jsonb AS ${agg} FROM (${sub} ) AS ${agg} ) AS ${agg} ON ${cond}`)
      }
    }
  }
  const where = [
    ...node.logic.map((t) => fmtLogic(node, qi, t, p, null)),
    ...node.joinConds.map(([a, b]) => `${a} = ${b}`),
  ]
  return [
    `SELECT ${selects.join(', ')}`,
    fromClause(node, parent),
    ...joins,
    where.length ? `WHERE ${where.join(' AND ')}` : '',
    orderClause(node, qi, p),
    limitOffset(node.range, p),
  ].filter(Boolean).join(' ')
}

/**
 * PostgREST's readPlanToCountQuery: the root's filters only, no limit; inner
 * joins become EXISTS so that !inner still changes the count.
 */
export function countQuery(node: ReadNode, p: Params, parent: ReadNode | null = null): string {
  const qi = nodeQi(node)
  const conds = [
    ...node.logic.map((t) => fmtLogic(node, qi, t, p, node)),
    ...node.joinConds.map(([a, b]) => `${a} = ${b}`),
    ...node.children.filter((c) => c.joinType === 'inner').map((c) => `EXISTS (${countQuery(c, p, node)} )`),
  ]
  return `SELECT 1 ${fromClause(node, parent)}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`
}

// ---------------------------------------------------------------------------
// Response bodies (PostgREST's media handlers)
// ---------------------------------------------------------------------------

const CSV_BODY =
  `(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM ( SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a)` +
  ` || '\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')`

export function bodySql(h: BodyHandler, routine?: Routine): string {
  const strip = (s: string, on: boolean) => (on ? `json_strip_nulls(${s})` : s)
  const scalar = routine && routine.returnKind !== 'composite' && routine.returnKind !== 'void'
  const target = scalar ? '_postgrest_t.pgrst_scalar' : '_postgrest_t'
  switch (h.kind) {
    case 'none':
      return `''::text`
    case 'csv':
      return CSV_BODY
    case 'single':
      return `coalesce(${strip(`json_agg(${target})->0`, h.strip)}, 'null')`
    case 'json':
      if (routine && !routine.returnsSet && routine.returnKind !== 'void') {
        return `coalesce(${strip(`json_agg(${target})->0`, h.strip)}, 'null')`
      }
      return `coalesce(${strip(`json_agg(${target})`, h.strip)}, '[]')`
  }
}

const RESPONSE_GUCS =
  `nullif(current_setting('response.headers', true), '') AS response_headers, ` +
  `nullif(current_setting('response.status', true), '') AS response_status`

export type CountMode = 'exact' | 'planned' | 'estimated' | null

/** `count` CTE: exact, or exact up to db-max-rows + 1 for `estimated`. */
function countCte(root: ReadNode, count: CountMode, maxRows: number | null, p: Params): { cte: string; total: string } {
  if (count !== 'exact' && count !== 'estimated') return { cte: '', total: 'null::bigint' }
  const limit = count === 'estimated' && maxRows !== null ? ` LIMIT ${maxRows + 1}` : ''
  return {
    cte: `, pgrst_source_count AS (${countQuery(root, p)}${limit})`,
    total: '(SELECT pg_catalog.count(*) FROM pgrst_source_count)',
  }
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

export interface ReadStatement {
  root: ReadNode
  body: BodyHandler
  count: CountMode
  maxRows: number | null
}

/** GET/HEAD on a table or view (PostgREST's prepareRead). */
export function compileRead(s: ReadStatement): Compiled {
  const p = new Params()
  const select = readQuery(s.root, p)
  const { cte, total } = countCte(s.root, s.count, s.maxRows, p)
  const sql =
    `WITH pgrst_source AS ( ${select} ) ${cte} SELECT ${total} AS total_result_set, ` +
    `pg_catalog.count(_postgrest_t) AS page_total, ${bodySql(s.body)} AS body, ${RESPONSE_GUCS}, ` +
    `'' AS response_inserted FROM ( SELECT * FROM pgrst_source ) _postgrest_t`
  return { sql, params: p.values }
}

/** The count query alone, for `count=planned` (EXPLAIN) and `estimated` above db-max-rows. */
export function compileCountOnly(root: ReadNode): Compiled {
  const p = new Params()
  return { sql: countQuery(root, p), params: p.values }
}

/** The JSON payload as a relation: `json_to_recordset($1)` typed with the target columns. */
export interface Payload {
  /** Raw JSON text of the body. */
  json: string
  isObject: boolean
  /** Columns to read from it (the keys, or `columns=`). */
  columns: string[]
}

function fromJsonBody(
  payload: Payload,
  cols: { name: string; type: string; default: string | null }[],
  p: Params,
  opts: { includeSelect: boolean; limitOne: boolean; applyDefaults: boolean },
): string {
  const ph = p.add(payload.json)
  const parsedCols = cols.map((c) => ident(c.name)).join(', ')
  const typedCols = cols.map((c) => `${ident(c.name)} ${c.type}`).join(', ')
  const namedCols = cols.map((c) => `pgrst_body.${ident(c.name)}`).join(', ')
  const defaults = cols.filter((c) => c.default !== null)
  const defsJsonb = `jsonb_build_object(${defaults.map((c) => `'${c.name.replace(/'/g, "''")}', ${c.default}`).join(',')})`
  const json = opts.applyDefaults ? 'jsonb' : 'json'
  const source = opts.applyDefaults ? 'pgrst_json_defs.val' : 'pgrst_payload.json_data'
  let sql = opts.includeSelect ? `SELECT ${namedCols} ` : ''
  sql += `FROM (SELECT ${ph}::${json} AS json_data) pgrst_payload, `
  if (opts.applyDefaults) {
    sql += payload.isObject
      ? `LATERAL (SELECT ${defsJsonb} || pgrst_payload.json_data AS val) pgrst_json_defs, `
      : `LATERAL (SELECT jsonb_agg(${defsJsonb} || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `
  }
  sql += `LATERAL (SELECT ${parsedCols} FROM `
  if (!cols.length) {
    sql += payload.isObject ? '(values(1)) _ ' : `${json}_array_elements(${source}) _ `
  } else {
    const fn = `${json}_to_record${payload.isObject ? '' : 'set'}`
    sql += `${fn}(${source}) AS _(${typedCols}) ${opts.limitOne ? 'LIMIT 1' : ''}`
  }
  return sql + ') pgrst_body '
}

/** Columns the RETURNING clause needs so the read part (select + embeds) can run (PostgREST's inferColsEmbedNeeds). */
function returningColumns(root: ReadNode, pk: string[]): string[] {
  const names = root.fields.map((f) => f.field.name)
  if (names.includes('*')) return ['*']
  if (root.children.some((c) => c.rel?.kind === 'computed')) return ['*']
  const fkCols: string[] = []
  for (const c of root.children) {
    const r = c.rel
    if (r?.kind !== 'fk') continue
    if (r.cardinality === 'M2M') fkCols.push(...r.junction!.sourceColumns.map((x) => x[0]))
    else fkCols.push(...r.columns.map((x) => x[0]))
  }
  if (!names.length && !root.children.length) return ['*']
  return [...new Set([...names, ...fkCols, ...pk])].sort()
}

function returningSql(table: Table, cols: string[]): string {
  if (!cols.length) return 'RETURNING 1'
  const t = qiSql({ schema: table.schema, name: table.name })
  return `RETURNING ${cols.map((c) => (c === '*' ? `${t}.*` : `${t}.${ident(c)}`)).join(', ')}`
}

const PGRST_INSERTED = (op: '+' | '-') =>
  `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${op} 1)::text, true) <> '${op === '+' ? '0' : '-1'}'`

export interface MutationStatement {
  kind: 'insert' | 'update' | 'delete' | 'put'
  table: Table
  root: ReadNode
  body: BodyHandler
  payload: Payload | null
  /** Root filters (already parsed) — the mutation's WHERE. */
  where: LogicTree[]
  /** return=representation or headers-only: RETURNING the needed columns; otherwise RETURNING 1. */
  returnsRows: boolean
  headersOnly: boolean
  resolution: 'merge-duplicates' | 'ignore-duplicates' | null
  onConflict: string[] | null
  applyDefaults: boolean
}

export interface CompiledMutation extends Compiled {
  /** False for PATCH/DELETE without a WHERE clause: hosted's safeupdate refuses those. */
  hasWhere: boolean
  /** Whether an UPDATE/DELETE statement is actually generated (PATCH with `{}` is a no-op SELECT). */
  isUpdateOrDelete: boolean
}

/** Resolves payload columns against the table (PGRST204 for unknown ones). */
function payloadColumns(table: Table, names: string[]) {
  return names.map((n) => {
    const c = table.columns.get(n)
    if (!c) throw columnNotFound(table.name, n)
    return { name: c.name, type: c.type, default: c.default }
  })
}

/** INSERT/UPDATE/DELETE wrapped like PostgREST's prepareWrite. */
export function compileMutation(s: MutationStatement): CompiledMutation {
  const p = new Params()
  const t = s.table
  const tq = qiSql({ schema: t.schema, name: t.name })
  // The WHERE of the mutation reads the root filters against the table itself.
  const whereNode: ReadNode = { ...s.root, from: { schema: t.schema, name: t.name }, fromAlias: undefined, table: t }
  // Formatted only where used: every formatted value adds a parameter.
  const whereSql = () => s.where.map((tree) => fmtLogic(whereNode, tq, resolvePlain(tree), p, null))
  const returning = returningSql(t, s.returnsRows ? returningColumns(s.root, t.pk) : [])
  let mutation: string
  let isUpdateOrDelete = false

  if (s.kind === 'insert' || s.kind === 'put') {
    const cols = payloadColumns(t, s.payload!.columns)
    const body = fromJsonBody(s.payload!, cols, p, { includeSelect: true, limitOne: false, applyDefaults: s.applyDefaults })
    const colList = cols.length ? `(${cols.map((c) => ident(c.name)).join(', ')}) ` : ' '
    const merge = s.kind === 'put' || s.resolution === 'merge-duplicates'
    const conflictCols = s.kind === 'put' ? t.pk : s.resolution ? (s.onConflict ?? t.pk) : []
    let sql = `INSERT INTO ${tq}${colList}${body}`
    if (s.kind === 'put') {
      const bodyNode: ReadNode = { ...whereNode, table: t }
      const putConds = s.where.map((tree) => fmtLogic(bodyNode, 'pgrst_body', resolvePlain(tree), p, null))
      sql += `WHERE ${PGRST_INSERTED('+')} AND ${putConds.join(' AND ')}`
    } else if (merge) {
      sql += `WHERE ${PGRST_INSERTED('+')}`
    }
    if (s.resolution || s.kind === 'put') {
      if (conflictCols.length) {
        sql += ` ON CONFLICT(${conflictCols.map(ident).join(', ')}) `
        if (!merge || !cols.length) sql += 'DO NOTHING'
        else sql += `DO UPDATE SET ${cols.map((c) => `${ident(c.name)} = EXCLUDED.${ident(c.name)}`).join(', ')} WHERE ${PGRST_INSERTED('-')}`
      }
    }
    mutation = `${sql} ${returning}`
  } else if (s.kind === 'update') {
    const cols = payloadColumns(t, s.payload!.columns)
    if (!cols.length) {
      // Nothing to set: an empty result with the right columns (PostgREST's no-op update).
      const ret = s.returnsRows ? returningColumns(s.root, t.pk) : []
      const sel = ret.length ? ret.map((c) => (c === '*' ? `${ident(t.name)}.*` : `${ident(t.name)}.${ident(c)}`)).join(', ') : 'NULL'
      mutation = `SELECT ${sel} FROM ${tq} WHERE false`
    } else {
      isUpdateOrDelete = true
      const set = cols.map((c) => `${ident(c.name)} = pgrst_body.${ident(c.name)}`).join(', ')
      const body = fromJsonBody(s.payload!, cols, p, { includeSelect: false, limitOne: false, applyDefaults: s.applyDefaults })
      const where = whereSql()
      mutation = `UPDATE ${tq} SET ${set} ${body}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ${returning}`
    }
  } else {
    isUpdateOrDelete = true
    const where = whereSql()
    mutation = `DELETE FROM ${tq} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${returning}`
  }

  const select = s.body.kind === 'none' ? 'SELECT * FROM pgrst_source' : readQuery(s.root, p)
  const upsertTracked = (s.kind === 'insert' && s.resolution === 'merge-duplicates') || s.kind === 'put'
  const inserted = upsertTracked ? `nullif(current_setting('pgrst.inserted', true),'')::int` : `''`
  const location =
    s.kind === 'insert' && s.headersOnly
      ? `CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN coalesce(${locationSql(t.pk)}, array[]::text[]) ELSE array[]::text[] END`
      : 'array[]::text[]'
  const sql =
    `WITH pgrst_source AS (${mutation}) SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ` +
    `${location} AS header, ${bodySql(s.body)} AS body, ${RESPONSE_GUCS}, ${inserted} AS response_inserted ` +
    `FROM (${select}) _postgrest_t`
  return { sql, params: p.values, hasWhere: s.where.length > 0, isUpdateOrDelete }
}

/** Location header pairs `pk=eq.value` of the inserted row (headers-only). */
function locationSql(pk: string[]): string {
  const keys = pk.map((k) => `'${k.replace(/'/g, "''")}'`).join(',')
  return (
    `(WITH data AS (SELECT row_to_json(_) AS row FROM pgrst_source AS _ LIMIT 1) ` +
    `SELECT array_agg(json_data.key || '=' || coalesce('eq.' || json_data.value, 'is.null')) ` +
    `FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key IN (${keys || "''"}))`
  )
}

/** Root filters of a mutation cannot target embeds: resolve them as plain filters. */
function resolvePlain(t: LogicTree): ResolvedLogic {
  if (t.kind === 'expr') return { kind: 'expr', negated: t.negated, op: t.op, children: t.children.map(resolvePlain) }
  return { kind: 'filter', filter: t.filter }
}

export interface CallStatement {
  routine: Routine
  root: ReadNode
  body: BodyHandler
  count: CountMode
  maxRows: number | null
  /** POST: JSON body; GET/HEAD: named text arguments. */
  args: { kind: 'json'; payload: Payload; keys: Set<string> } | { kind: 'direct'; values: Map<string, string[]> }
  /** Pass the whole body to the single (json) parameter. */
  singleParam: boolean
}

/** RPC (PostgREST's callPlanToQuery + prepareCall). */
export function compileCall(s: CallStatement): Compiled {
  const p = new Params()
  const r = s.routine
  const fq = qiSql({ schema: r.schema, name: r.name })
  const scalar = r.returnKind !== 'composite'
  const callIt = (args: string) => (scalar ? `(SELECT ${fq}(${args}) pgrst_scalar) pgrst_call` : `${fq}(${args}) pgrst_call`)
  let from: string
  if (s.singleParam) {
    const prm = r.params[0]
    const value = s.args.kind === 'json' ? s.args.payload.json : '{}'
    from = `FROM ${callIt(`${p.add(value)}::${prm.type}`)}`
  } else if (s.args.kind === 'json') {
    const keys = s.args.keys
    const prms = r.params.filter((x) => keys.has(x.name))
    if (!prms.length) from = `FROM ${callIt('')}`
    else {
      const body = fromJsonBody(
        s.args.payload,
        prms.map((x) => ({ name: x.name, type: x.type, default: null })),
        p,
        { includeSelect: false, limitOne: true, applyDefaults: false },
      )
      const named = prms.map((x) => `${x.variadic ? 'VARIADIC ' : ''}${ident(x.name)} := pgrst_body.${ident(x.name)}`).join(', ')
      from = `${body}, LATERAL ${callIt(named)}`
    }
  } else {
    const values = s.args.values
    const prms = r.params.filter((x) => values.has(x.name))
    const named = prms.map((x) => {
      const v = values.get(x.name)!
      const value = x.variadic ? arrayLiteral(v) : v[0]
      return `${x.variadic ? 'VARIADIC ' : ''}${ident(x.name)} := ${p.add(value)}::${x.type}`
    })
    from = `FROM ${callIt(named.join(', '))}`
  }
  const callSql = `SELECT ${scalar ? 'pgrst_call.pgrst_scalar' : 'pgrst_call.*'} ${from}`
  const select = readQuery(s.root, p)
  const { cte, total } = countCte(s.root, s.count, s.maxRows, p)
  const single = !r.returnsSet
  const sql =
    `WITH pgrst_source AS (${callSql}) ${cte} SELECT ${total} AS total_result_set, ` +
    `${single ? '1' : 'pg_catalog.count(_postgrest_t)'} AS page_total, ${bodySql(s.body, r)} AS body, ${RESPONSE_GUCS}, ` +
    `'' AS response_inserted FROM (${select}) _postgrest_t`
  return { sql, params: p.values }
}


