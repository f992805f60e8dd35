// PostgREST's schema cache: tables, views, columns, keys, relationships and
// functions of the exposed schemas, read from pg_catalog, and reloaded when
// the database says `NOTIFY pgrst, 'reload schema'` (bootstrap.sql installs
// the event triggers hosted Supabase has, so any DDL sends it).
//
// The cache holds every relation of the exposed schemas *regardless of
// grants* (like PostgREST): a table the role may not read gives Postgres'
// 42501, not PGRST205.
import pg from 'pg'
import { RestError } from './errors.ts'

export interface QI {
  schema: string
  name: string
}

export interface Column {
  name: string
  /** Type name as Postgres formats it, schema-qualified when needed (`integer`, `public.mood`). */
  type: string
  /** Base type name (domains resolved): used to spot json/jsonb/tsvector columns. */
  baseType: string
  nullable: boolean
  /** Default expression (schema-qualified), for `Prefer: missing=default`. */
  default: string | null
  generated: boolean
}

export interface Table {
  schema: string
  name: string
  isView: boolean
  insertable: boolean
  updatable: boolean
  deletable: boolean
  columns: Map<string, Column>
  columnList: Column[]
  pk: string[]
}

export type Cardinality = 'M2O' | 'O2M' | 'O2O' | 'M2M'

export interface Junction {
  table: QI
  constraint1: string
  constraint2: string
  /** [origin table column, junction column] */
  sourceColumns: [string, string][]
  /** [target table column, junction column] */
  targetColumns: [string, string][]
}

export interface FkRelationship {
  kind: 'fk'
  table: QI
  foreignTable: QI
  isSelf: boolean
  cardinality: Cardinality
  constraint: string
  /** [table column, foreign table column] (empty for M2M) */
  columns: [string, string][]
  junction?: Junction
  tableIsView: boolean
  foreignTableIsView: boolean
}

/** `f(parent) returns setof target`: embeddable under the function's name. */
export interface ComputedRelationship {
  kind: 'computed'
  function: QI
  table: QI
  foreignTable: QI
  isSelf: boolean
  toOne: boolean
}

export type Relationship = FkRelationship | ComputedRelationship

export const relIsToOne = (r: Relationship) =>
  r.kind === 'computed' ? r.toOne : r.cardinality === 'M2O' || r.cardinality === 'O2O'

export interface RoutineParam {
  name: string
  type: string
  required: boolean
  variadic: boolean
}

export interface Routine {
  schema: string
  name: string
  params: RoutineParam[]
  returnType: string
  returnsSet: boolean
  returnKind: 'void' | 'scalar' | 'composite'
  /** When the function returns rows of a table/view of the same schema: its name (enables embedding). */
  returnTable: string | null
  volatility: 'v' | 's' | 'i'
  /** `ALTER FUNCTION ... SET x = y` settings, applied before the call like PostgREST does. */
  settings: [string, string][]
}

export interface RoleSettings {
  settings: [string, string][]
  isolation: string | null
}

export interface SchemaCache {
  exposedSchemas: string[]
  tables: Map<string, Table>
  relationships: Map<string, Relationship[]>
  routines: Map<string, Routine[]>
  roleSettings: Map<string, RoleSettings>
  timezones: Set<string>
  loadedAt: number
}

const key = (schema: string, name: string) => `${schema}\u0000${name}`

export function getTable(cache: SchemaCache, schema: string, name: string): Table | undefined {
  return cache.tables.get(key(schema, name))
}

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

const TABLES_SQL = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, c.relkind::text as kind,
       pg_catalog.pg_relation_is_updatable(c.oid, true) as upd
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'f', 'p')`

const COLUMNS_SQL = `
select a.attrelid::int8::text as oid, a.attname as name,
       pg_catalog.format_type(a.atttypid, null) as type,
       coalesce(bt.typname, t.typname)::text as base_type,
       not a.attnotnull as nullable,
       case when a.attgenerated = '' then pg_catalog.pg_get_expr(d.adbin, d.adrelid) end as "default",
       a.attgenerated <> '' as generated
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_class c on c.oid = a.attrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_type t on t.oid = a.atttypid
  left join pg_catalog.pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
  left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
 where n.nspname = any($1::text[]) and c.relkind in ('r', 'v', 'm', 'f', 'p')
   and a.attnum > 0 and not a.attisdropped
 order by a.attrelid, a.attnum`

// Keys with their column names in key order. FKs of partitions are skipped
// (conparentid <> 0): the partitioned parent carries them.
const CONSTRAINTS_SQL = `
select con.conname as name, con.contype::text as type,
       con.conrelid::int8::text as rel, con.confrelid::int8::text as frel,
       array(select a.attname::text from unnest(con.conkey) with ordinality k(num, i)
               join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i) as cols,
       array(select a.attname::text from unnest(con.confkey) with ordinality k(num, i)
               join pg_catalog.pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i) as fcols
  from pg_catalog.pg_constraint con
  join pg_catalog.pg_class c on c.oid = con.conrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = any($1::text[]) and con.contype in ('p', 'u', 'f') and con.conparentid = 0`

// Which base-table columns each view reads (column-level dependencies of its rewrite rule).
const VIEW_DEPS_SQL = `
select distinct r.ev_class::int8::text as view, d.refobjid::int8::text as base, a.attname::text as col
  from pg_catalog.pg_rewrite r
  join pg_catalog.pg_class v on v.oid = r.ev_class and v.relkind in ('v', 'm')
  join pg_catalog.pg_namespace n on n.oid = v.relnamespace
  join pg_catalog.pg_depend d on d.objid = r.oid and d.classid = 'pg_catalog.pg_rewrite'::regclass
                             and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid <> r.ev_class
  join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
 where n.nspname = any($1::text[])`

const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile::text as volatility, p.proretset as retset,
       p.prorows::float8 as prorows,
       pg_catalog.format_type(p.prorettype, null) as rettype, rt.typtype::text as rettyptype,
       rt.typrelid::int8::text as ret_relid, p.pronargs as nargs, p.pronargdefaults as ndefaults,
       coalesce(p.proargnames, '{}')::text[] as argnames, coalesce(p.proargmodes::text[], '{}') as argmodes,
       array(select pg_catalog.format_type(x.t, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(t, i) order by x.i) as argtypes,
       array(select coalesce(t2.typrelid, 0)::int8::text from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality x(t, i)
               left join pg_catalog.pg_type t2 on t2.oid = x.t order by x.i) as argrelids,
       p.provariadic <> 0 as variadic, coalesce(p.proconfig, '{}') as config
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join pg_catalog.pg_type rt on rt.oid = p.prorettype
 where n.nspname = any($1::text[]) and p.prokind = 'f'`

// Per-role settings PostgREST applies on role switch (only user-settable ones),
// and a role's default isolation level.
const ROLE_SETTINGS_SQL = `
with role_setting as (
  select r.rolname, unnest(r.rolconfig) as setting
    from pg_catalog.pg_auth_members m
    join pg_catalog.pg_roles r on r.oid = m.roleid
   where m.member = to_regrole('authenticator')
), kv as (
  select rolname::text, substr(setting, 1, strpos(setting, '=') - 1) as key,
         lower(substr(setting, strpos(setting, '=') + 1)) as value
    from role_setting
)
select kv.rolname, kv.key, kv.value
  from kv join pg_catalog.pg_settings ps on ps.name = kv.key
 where ps.context = 'user' or kv.key = 'default_transaction_isolation'`

const TIMEZONES_SQL = `select name from pg_catalog.pg_timezone_names`

export async function loadSchemaCache(pool: pg.Pool, exposedSchemas: string[]): Promise<SchemaCache> {
  const client = await pool.connect()
  try {
    // format_type()/pg_get_expr() qualify names that are not on the search
    // path: an empty one makes every non-catalog type schema-qualified, so the
    // SQL we generate does not depend on the request's search_path.
    await client.query(`begin read only; set local search_path = ''`)
    const [tables, columns, constraints, viewDeps, routines, roles, tzs] = [
      await client.query(TABLES_SQL, [exposedSchemas]),
      await client.query(COLUMNS_SQL, [exposedSchemas]),
      await client.query(CONSTRAINTS_SQL, [exposedSchemas]),
      await client.query(VIEW_DEPS_SQL, [exposedSchemas]),
      await client.query(ROUTINES_SQL, [exposedSchemas]),
      await client.query(ROLE_SETTINGS_SQL),
      await client.query(TIMEZONES_SQL),
    ]
    await client.query('commit')
    return buildCache(exposedSchemas, tables.rows, columns.rows, constraints.rows, viewDeps.rows, routines.rows, roles.rows, tzs.rows)
  } catch (e) {
    await client.query('rollback').catch(() => {})
    throw e
  } finally {
    client.release()
  }
}

function buildCache(
  exposedSchemas: string[],
  tableRows: any[],
  columnRows: any[],
  constraintRows: any[],
  viewDepRows: any[],
  routineRows: any[],
  roleRows: any[],
  tzRows: any[],
): SchemaCache {
  const byOid = new Map<string, Table>()
  const tables = new Map<string, Table>()
  for (const r of tableRows) {
    const isView = r.kind === 'v' || r.kind === 'm'
    const upd = Number(r.upd)
    const t: Table = {
      schema: r.schema,
      name: r.name,
      isView,
      insertable: (upd & 8) === 8,
      updatable: (upd & 4) === 4,
      deletable: (upd & 16) === 16,
      columns: new Map(),
      columnList: [],
      pk: [],
    }
    byOid.set(r.oid, t)
    tables.set(key(t.schema, t.name), t)
  }
  for (const c of columnRows) {
    const t = byOid.get(c.oid)
    if (!t) continue
    const col: Column = {
      name: c.name,
      type: c.type,
      baseType: c.base_type,
      nullable: c.nullable,
      default: c.default,
      generated: c.generated,
    }
    t.columns.set(col.name, col)
    t.columnList.push(col)
  }

  // Unique column sets per table (PK and UNIQUE constraints) to detect one-to-one FKs.
  const uniques = new Map<Table, string[][]>()
  const fks: { name: string; table: Table; ftable: Table; cols: string[]; fcols: string[] }[] = []
  for (const c of constraintRows) {
    const t = byOid.get(c.rel)
    if (!t) continue
    if (c.type === 'p') t.pk = c.cols
    if (c.type === 'p' || c.type === 'u') {
      const list = uniques.get(t) ?? []
      list.push(c.cols)
      uniques.set(t, list)
    }
    if (c.type === 'f') {
      const ft = byOid.get(c.frel)
      if (ft) fks.push({ name: c.name, table: t, ftable: ft, cols: c.cols, fcols: c.fcols })
    }
  }
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))
  const isUnique = (t: Table, cols: string[]) => (uniques.get(t) ?? []).some((u) => sameSet(u, cols))

  const rels: FkRelationship[] = []
  const qi = (t: Table): QI => ({ schema: t.schema, name: t.name })
  const addFkRels = (
    name: string, t: Table, ft: Table, cols: string[], fcols: string[], o2o: boolean,
  ) => {
    const zip = cols.map((c, i) => [c, fcols[i]] as [string, string])
    const isSelf = t === ft
    rels.push({
      kind: 'fk', table: qi(t), foreignTable: qi(ft), isSelf, cardinality: o2o ? 'O2O' : 'M2O', constraint: name,
      columns: zip, tableIsView: t.isView, foreignTableIsView: ft.isView,
    })
    rels.push({
      kind: 'fk', table: qi(ft), foreignTable: qi(t), isSelf, cardinality: o2o ? 'O2O' : 'O2M', constraint: name,
      columns: zip.map(([a, b]) => [b, a]), tableIsView: ft.isView, foreignTableIsView: t.isView,
    })
  }
  for (const fk of fks) addFkRels(fk.name, fk.table, fk.ftable, fk.cols, fk.fcols, isUnique(fk.table, fk.cols))

  // Views inherit the FKs of the tables they read, when they expose the key
  // columns under the same names (PostgREST follows renames too; see NOTES.md).
  const viewCols = new Map<Table, Map<Table, Set<string>>>()
  for (const d of viewDepRows) {
    const v = byOid.get(d.view)
    const b = byOid.get(d.base)
    if (!v || !b || v === b) continue
    const m = viewCols.get(v) ?? new Map<Table, Set<string>>()
    const s = m.get(b) ?? new Set<string>()
    s.add(d.col)
    m.set(b, s)
    viewCols.set(v, m)
  }
  // For a table, the relations (itself plus views) that expose the given columns of it.
  const exposing = (t: Table, cols: string[]): Table[] => {
    const out = [t]
    for (const [v, bases] of viewCols) {
      const used = bases.get(t)
      if (used && cols.every((c) => used.has(c) && v.columns.has(c))) out.push(v)
    }
    return out
  }
  for (const fk of fks) {
    const sources = exposing(fk.table, fk.cols)
    const targets = exposing(fk.ftable, fk.fcols)
    for (const s of sources) {
      for (const t of targets) {
        if (s === fk.table && t === fk.ftable) continue
        addFkRels(fk.name, s, t, fk.cols, fk.fcols, isUnique(fk.table, fk.cols) && s === fk.table)
      }
    }
  }

  // Many-to-many through a junction whose two FKs' columns are all part of its primary key.
  const m2o = rels.filter((r) => r.cardinality === 'M2O' && !r.tableIsView)
  for (const r1 of m2o) {
    for (const r2 of m2o) {
      if (r1 === r2 || r1.constraint === r2.constraint) continue
      if (r1.table.schema !== r2.table.schema || r1.table.name !== r2.table.name) continue
      const jt = tables.get(key(r1.table.schema, r1.table.name))!
      const jcols = [...r1.columns.map((c) => c[0]), ...r2.columns.map((c) => c[0])]
      if (!jt.pk.length || !jcols.every((c) => jt.pk.includes(c))) continue
      rels.push({
        kind: 'fk',
        table: r1.foreignTable,
        foreignTable: r2.foreignTable,
        isSelf: r1.foreignTable.schema === r2.foreignTable.schema && r1.foreignTable.name === r2.foreignTable.name,
        cardinality: 'M2M',
        constraint: '',
        columns: [],
        junction: {
          table: r1.table,
          constraint1: r1.constraint,
          constraint2: r2.constraint,
          sourceColumns: r1.columns.map(([jc, tc]) => [tc, jc]),
          targetColumns: r2.columns.map(([jc, tc]) => [tc, jc]),
        },
        tableIsView: r1.foreignTableIsView,
        foreignTableIsView: r2.foreignTableIsView,
      })
    }
  }

  const routines = new Map<string, Routine[]>()
  const computed: ComputedRelationship[] = []
  for (const r of routineRows) {
    const modes: string[] = r.argmodes.length ? r.argmodes : r.argtypes.map(() => 'i')
    const params: RoutineParam[] = []
    const outCount = modes.filter((m) => m === 'o' || m === 't').length
    let inputIndex = 0
    const firstDefault = Number(r.nargs) - Number(r.ndefaults)
    const inputRelids: string[] = []
    modes.forEach((mode, i) => {
      if (mode === 'o' || mode === 't') return
      params.push({
        name: r.argnames[i] ?? '',
        type: r.argtypes[i],
        required: inputIndex < firstDefault,
        variadic: mode === 'v',
      })
      inputRelids.push(r.argrelids[i])
      inputIndex++
    })
    const retTable = r.rettyptype === 'c' ? byOid.get(r.ret_relid) : undefined
    const returnKind: Routine['returnKind'] =
      r.rettype === 'void' ? 'void' : r.rettyptype === 'c' || (r.rettype === 'record' && outCount > 0) ? 'composite' : 'scalar'
    const routine: Routine = {
      schema: r.schema,
      name: r.name,
      params,
      returnType: r.rettype,
      returnsSet: r.retset,
      returnKind,
      returnTable: retTable && retTable.schema === r.schema ? retTable.name : null,
      volatility: r.volatility,
      settings: (r.config as string[]).map((s) => {
        const i = s.indexOf('=')
        return [s.slice(0, i), s.slice(i + 1)] as [string, string]
      }),
    }
    const k = key(r.schema, r.name)
    routines.set(k, [...(routines.get(k) ?? []), routine])
    // Computed relationship: one parameter of a table row type, returning rows of a table.
    if (params.length === 1 && retTable) {
      const parent = byOid.get(inputRelids[0])
      if (parent && parent.schema === r.schema && retTable.schema === r.schema) {
        computed.push({
          kind: 'computed',
          function: { schema: r.schema, name: r.name },
          table: qi(parent),
          foreignTable: qi(retTable),
          isSelf: parent === retTable,
          toOne: !r.retset || Number(r.prorows) === 1,
        })
      }
    }
  }

  const relationships = new Map<string, Relationship[]>()
  for (const r of [...rels, ...computed]) {
    const k = key(r.table.schema, r.table.name)
    relationships.set(k, [...(relationships.get(k) ?? []), r])
  }

  const roleSettings = new Map<string, RoleSettings>()
  for (const r of roleRows) {
    const rs = roleSettings.get(r.rolname) ?? { settings: [], isolation: null }
    if (r.key === 'default_transaction_isolation') rs.isolation = r.value
    else rs.settings.push([r.key, r.value])
    roleSettings.set(r.rolname, rs)
  }

  return {
    exposedSchemas,
    tables,
    relationships,
    routines,
    roleSettings,
    timezones: new Set(tzRows.map((r) => r.name)),
    loadedAt: Date.now(),
  }
}

// ---------------------------------------------------------------------------
// Lookups with PostgREST's errors
// ---------------------------------------------------------------------------

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]
    dp[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return dp[b.length]
}

/**
 * Closest candidate, in the spirit of Haskell's Data.FuzzySet (Levenshtein
 * similarity, case-insensitive) with PostgREST's thresholds: 0.75 for table
 * and function names, 0.33 for relationship and parameter hints.
 */
export function fuzzyBest(candidates: Iterable<string>, query: string, minScore: number): string | null {
  let best: string | null = null
  let bestScore = -1
  const q = query.toLowerCase()
  for (const c of candidates) {
    const l = c.toLowerCase()
    const score = 1 - levenshtein(l, q) / Math.max(l.length, q.length, 1)
    if (score > bestScore) {
      best = c
      bestScore = score
    }
  }
  return bestScore >= minScore ? best : null
}

export function findTable(cache: SchemaCache, schema: string, name: string): Table {
  const t = getTable(cache, schema, name)
  if (t) return t
  const names = [...cache.tables.values()].filter((x) => x.schema === schema).map((x) => x.name)
  throw new RestError(
    404,
    'PGRST205',
    `Could not find the table '${schema}.${name}' in the schema cache`,
    null,
    ((s) => (s ? `Perhaps you meant the table '${schema}.${s}'` : null))(fuzzyBest(names, name, 0.75)),
  )
}

const fmtCols = (cols: string[]) => `(${cols.join(', ')})`

function describeRel(r: FkRelationship) {
  const embedding = `${r.table.name} with ${r.foreignTable.name}`
  if (r.cardinality === 'M2M') {
    const j = r.junction!
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${j.table.name} using ${j.constraint1}${fmtCols(j.sourceColumns.map((c) => c[1]))} and ${j.constraint2}${fmtCols(j.targetColumns.map((c) => c[1]))}`,
    }
  }
  const card = { M2O: 'many-to-one', O2M: 'one-to-many', O2O: 'one-to-one' }[r.cardinality]
  return {
    cardinality: card,
    embedding,
    relationship: `${r.constraint} using ${r.table.name}${fmtCols(r.columns.map((c) => c[0]))} and ${r.foreignTable.name}${fmtCols(r.columns.map((c) => c[1]))}`,
  }
}

function relHintName(r: Relationship): string {
  if (r.kind === 'computed') return ''
  return `'${r.foreignTable.name}!${r.cardinality === 'M2M' ? r.junction!.table.name : r.constraint}'`
}

/** PostgREST's `findRel`: which relationship `origin?select=target!hint(...)` means. */
export function findRelationship(cache: SchemaCache, schema: string, origin: string, target: string, hint?: string): Relationship {
  const all = (cache.relationships.get(key(schema, origin)) ?? []).filter((r) => r.foreignTable.schema === schema)
  const single = (cols: [string, string][], idx: 0 | 1) => (cols.length === 1 ? cols[0][idx] : null)
  const matches = all.filter((r) => {
    if (r.kind === 'computed') return target === r.function.name
    const { cardinality: card } = r
    if (r.isSelf && card !== 'M2M' && card !== 'O2O') {
      if (hint === undefined) {
        return (target === r.foreignTable.name && card === 'O2M') || (single(r.columns, 0) === target && card === 'M2O')
      }
      return target === r.foreignTable.name && card === 'O2M' && single(r.columns, 1) === hint
    }
    if (hint === undefined) {
      return (
        target === r.foreignTable.name ||
        (card !== 'M2M' && r.constraint === target && !r.foreignTableIsView) ||
        (card !== 'M2M' && single(r.columns, 0) === target && !r.foreignTableIsView)
      )
    }
    return (
      target === r.foreignTable.name &&
      ((card !== 'M2M' && (r.constraint === hint || single(r.columns, 0) === hint || single(r.columns, 1) === hint)) ||
        (card === 'M2M' && r.junction!.table.name === hint))
    )
  })
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) {
    // Hint: a close parent name when the origin is unknown, else a close child name.
    let suggestion: string | null = null
    if (!cache.relationships.has(key(schema, origin))) {
      const parents = [...cache.relationships.keys()].map((k) => k.split('\u0000')).filter(([s]) => s === schema).map(([, n]) => n)
      const p = fuzzyBest(parents, origin, 0.33)
      if (p) suggestion = `Perhaps you meant '${p}' instead of '${origin}'.`
    } else {
      const children = all.map((r) => r.foreignTable.name)
      if (!children.includes(target)) {
        const c = fuzzyBest(children, target, 0.33)
        if (c) suggestion = `Perhaps you meant '${c}' instead of '${target}'.`
      }
    }
    throw new RestError(
      400,
      'PGRST200',
      `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
      `Searched for a foreign key relationship between '${origin}' and '${target}${hint ? `' using the hint '${hint}` : ''}' in the schema '${schema}', but no matches were found.`,
      suggestion,
    )
  }
  const fkMatches = matches.filter((r): r is FkRelationship => r.kind === 'fk')
  throw new RestError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
    fkMatches.map(describeRel),
    `Try changing '${target}' to one of the following: ${matches.map(relHintName).join(', ')}. Find the desired relationship in the 'details' key.`,
  )
}

/**
 * PostgREST's `findProc`: the function named `name` whose parameters match the
 * argument keys (required ones all present, optional ones any subset), falling
 * back to a single unnamed json/jsonb parameter for POST with a JSON body.
 */
export function findRoutine(
  cache: SchemaCache, schema: string, name: string, argKeys: Set<string>, isPost: boolean, singleObject: boolean,
): Routine {
  const candidates = cache.routines.get(key(schema, name)) ?? []
  const isJsonType = (t: string) => t === 'json' || t === 'jsonb'
  const matchesParams = (r: Routine) => {
    if (singleObject) return r.params.length === 1 && isJsonType(r.params[0].type)
    if (r.params.length === 0) return argKeys.size === 0
    const req = r.params.filter((p) => p.required).map((p) => p.name)
    const opt = r.params.filter((p) => !p.required).map((p) => p.name)
    const keys = [...argKeys]
    if (opt.length === 0) return keys.length === req.length && req.every((p) => argKeys.has(p))
    if (req.length === 0) return keys.every((k) => opt.includes(k))
    const rest = keys.filter((k) => !opt.includes(k))
    return rest.length === req.length && req.every((p) => rest.includes(p))
  }
  const singleUnnamed = (r: Routine) => isPost && r.params.length === 1 && r.params[0].name === '' && isJsonType(r.params[0].type)
  const named = candidates.filter(matchesParams)
  const fallback = candidates.filter((r) => !matchesParams(r) && singleUnnamed(r))
  if (named.length === 1) return named[0]
  if (named.length === 0 && fallback.length === 1) return fallback[0]
  const ambiguous = named.length > 1 ? named : fallback.length > 1 ? fallback : null
  if (ambiguous) {
    const sigs = ambiguous.map((r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`)
    throw new RestError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${sigs.join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    )
  }
  const keys = [...argKeys].sort()
  const func = `${schema}.${name}`
  const prms = keys.length ? `(${keys.join(', ')})` : ' without parameters'
  const prmsDet = keys.length ? ` with parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : ' without parameters'
  let hint: string | null = null
  if (candidates.length === 0) {
    const names = [...cache.routines.keys()].map((k) => k.split('\u0000')).filter(([s]) => s === schema).map(([, n]) => n)
    const s = fuzzyBest(names, name, 0.75)
    if (s) hint = `Perhaps you meant to call the function ${schema}.${s}`
  } else {
    const sigs = candidates.map((r) => `(${r.params.map((p) => p.name).sort().join(', ')})`)
    const s = fuzzyBest(sigs, `(${keys.join(', ')})`, 0.33)
    if (s) hint = `Perhaps you meant to call the function ${schema}.${name}${s}`
  }
  throw new RestError(
    404,
    'PGRST202',
    `Could not find the function ${func}${prms} in the schema cache`,
    `Searched for the function ${func}${prmsDet}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    hint,
  )
}

// ---------------------------------------------------------------------------
// Live cache: initial load + LISTEN pgrst
// ---------------------------------------------------------------------------

export interface LiveSchemaCache {
  current(): SchemaCache
  /** Reloads now (also what a NOTIFY triggers); resolves when the new cache is in place. */
  reload(): Promise<void>
  close(): Promise<void>
}

export async function startSchemaCache(opts: {
  pool: pg.Pool
  dbUrl: string
  exposedSchemas: string[]
  log(message: string): void
  onReload?(): void
}): Promise<LiveSchemaCache> {
  let cache = await loadSchemaCache(opts.pool, opts.exposedSchemas)
  let closed = false
  let running: Promise<void> | null = null
  let again = false

  // Coalesces bursts of NOTIFY (a migration fires one per DDL statement).
  const reload = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        try {
          cache = await loadSchemaCache(opts.pool, opts.exposedSchemas)
          opts.onReload?.()
        } catch (e: any) {
          if (!closed) opts.log(`rechargement du cache de schéma impossible : ${e?.message ?? e}`)
        }
      } while (again && !closed)
      running = null
    })()
    return running
  }

  let listener: pg.Client | null = null
  let retry: NodeJS.Timeout | null = null
  const listen = async () => {
    if (closed) return
    const client = new pg.Client({ connectionString: opts.dbUrl, application_name: 'supabase-local:pgrst-listener' })
    client.on('error', () => {})
    client.on('end', () => {
      if (closed) return
      listener = null
      retry = setTimeout(() => void listen().then(reload), 1000)
    })
    client.on('notification', (n) => {
      if (n.channel !== 'pgrst') return
      const payload = (n.payload ?? '').trim()
      if (payload === '' || payload === 'reload schema') void reload()
    })
    try {
      await client.connect()
      await client.query('listen pgrst')
      listener = client
    } catch {
      await client.end().catch(() => {})
    }
  }
  await listen()

  return {
    current: () => cache,
    reload,
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      await listener?.end().catch(() => {})
      await running?.catch(() => {})
    },
  }
}
