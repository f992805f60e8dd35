// Generates app/lib/database.types.ts from the database, in the shape
// `supabase gen types typescript` produces (postgres-meta's typegen):
// Database[schema].{Tables: {Row, Insert, Update, Relationships}, Views,
// Functions: {Args, Returns, SetofOptions}, Enums, CompositeTypes}, the
// Tables/TablesInsert/TablesUpdate/Enums/CompositeTypes helpers and Constants.
//
//   node supabase/scripts/gen-types.ts            write the file (throwaway DB built from the migrations)
//   node supabase/scripts/gen-types.ts --check    fail when the file differs from the migrations
//   node supabase/scripts/gen-types.ts --db-url postgresql://…   introspect that database instead
//   --out <file>  (default app/lib/database.types.ts)
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..')
export const DEFAULT_OUT = path.join(PROJECT_ROOT, 'app', 'lib', 'database.types.ts')
/** PostgREST version of the API (supabase-js enables maxAffected and spreads on 13+). */
const POSTGREST_VERSION = '14.1'
const WIDTH = 80

type Queryable = Pick<pg.Client, 'query'>

interface Column {
  table: string
  name: string
  type: string
  nullable: boolean
  optionalOnInsert: boolean
  generated: boolean
  updatable: boolean
}

interface Relationship {
  table: string
  name: string
  columns: string[]
  oneToOne: boolean
  referencedRelation: string
  referencedColumns: string[]
}

// ---------------------------------------------------------------------------
// Introspection
// ---------------------------------------------------------------------------

/** TypeScript type of a pg_type oid (recursive for arrays and domains). */
function makeTypeResolver(types: Map<number, any>, schemas: string[]) {
  const resolve = (oid: number): string => {
    const t = types.get(oid)
    if (!t) return 'unknown'
    if (t.typtype === 'd') return resolve(t.typbasetype)
    if (t.typcategory === 'A' && t.typelem) return `${wrapArray(resolve(t.typelem))}[]`
    if (t.typtype === 'e') {
      return schemas.includes(t.nspname) ? `Database[${JSON.stringify(t.nspname)}]["Enums"][${JSON.stringify(t.typname)}]` : 'string'
    }
    if (t.typtype === 'c' && t.relkind === 'c') {
      return schemas.includes(t.nspname) ? `Database[${JSON.stringify(t.nspname)}]["CompositeTypes"][${JSON.stringify(t.typname)}]` : 'unknown'
    }
    switch (t.typname) {
      case 'bool': return 'boolean'
      case 'int2': case 'int4': case 'int8': case 'float4': case 'float8': case 'numeric': case 'oid': return 'number'
      case 'json': case 'jsonb': return 'Json'
      case 'void': return 'undefined'
      case 'record': return 'Record<string, unknown>'
      case 'bytea': case 'bpchar': case 'varchar': case 'date': case 'text': case 'citext': case 'time': case 'timetz':
      case 'timestamp': case 'timestamptz': case 'uuid': case 'vector': case 'interval': case 'inet': case 'cidr':
      case 'macaddr': case 'name': case 'char': case 'tsvector': case 'regclass':
        return 'string'
      default: return 'unknown'
    }
  }
  return resolve
}
const wrapArray = (t: string) => (t.includes(' ') ? `(${t})` : t)

export async function introspect(db: Queryable, schemas: string[] = ['public']) {
  const types = new Map<number, any>()
  for (const t of (await db.query(`
    select t.oid::int, t.typname, t.typtype, t.typcategory, t.typelem::int, t.typbasetype::int, n.nspname, c.relkind
      from pg_type t join pg_namespace n on n.oid = t.typnamespace left join pg_class c on c.oid = t.typrelid`)).rows) {
    types.set(t.oid, t)
  }
  const resolve = makeTypeResolver(types, schemas)

  const relations = (await db.query(`
    select n.nspname as schema, c.relname as name, c.relkind, c.oid::int as oid
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm')
     order by 1, 2`, [schemas])).rows

  const columns = (await db.query(`
    select c.oid::int as rel, a.attname as name, a.atttypid::int as type, not a.attnotnull as nullable,
           a.atthasdef as has_default, a.attidentity as identity, a.attgenerated as generated,
           coalesce(pg_column_is_updatable(c.oid, a.attnum, false), false) as updatable
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped`, [schemas])).rows

  const fks = (await db.query(`
    select con.conrelid::int as rel, con.conname as name, rc.relname as ref_relation,
           array(select a.attname::text from unnest(con.conkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns,
           array(select a.attname::text from unnest(con.confkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as ref_columns,
           exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique and i.indpred is null
                     and (select array_agg(x order by x) from unnest(i.indkey::int2[]) x) = (select array_agg(x order by x) from unnest(con.conkey) x)) as one_to_one
      from pg_constraint con join pg_class rc on rc.oid = con.confrelid join pg_namespace n on n.oid = con.connamespace
     where con.contype = 'f' and n.nspname = any($1)`, [schemas])).rows

  const functions = (await db.query(`
    select n.nspname as schema, p.proname as name, p.proretset as retset, p.prorettype::int as rettype,
           p.pronargs, p.pronargdefaults, coalesce(p.proargnames, '{}') as argnames,
           coalesce(p.proallargtypes::int[], p.proargtypes::int[]) as argtypes, coalesce(p.proargmodes::text[], '{}') as argmodes,
           rt.typrelid::int as ret_relid, rc.relname as ret_relation, rc.relkind as ret_relkind, rn.nspname as ret_schema
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      join pg_type rt on rt.oid = p.prorettype
      left join pg_class rc on rc.oid = rt.typrelid left join pg_namespace rn on rn.oid = rc.relnamespace
     where n.nspname = any($1) and p.prokind = 'f'
       and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
     order by 1, 2`, [schemas])).rows

  const enums = (await db.query(`
    select n.nspname as schema, t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = any($1) group by 1, 2 order by 1, 2`, [schemas])).rows

  const composites = (await db.query(`
    select n.nspname as schema, t.typname as name, c.oid::int as rel
      from pg_type t join pg_class c on c.oid = t.typrelid join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = any($1) and c.relkind = 'c' order by 1, 2`, [schemas])).rows

  const columnsOf = (rel: number): Column[] =>
    columns
      .filter((c) => c.rel === rel)
      .map((c) => ({
        table: String(rel),
        name: c.name,
        type: resolve(c.type),
        nullable: c.nullable,
        generated: c.generated === 's' || c.identity === 'a',
        optionalOnInsert: c.nullable || c.has_default || c.identity !== '' || c.generated !== '',
        updatable: c.updatable,
      }))
      .sort((a, b) => cmp(a.name, b.name))

  const relationshipsOf = (rel: number): Relationship[] =>
    fks
      .filter((f) => f.rel === rel)
      .map((f) => ({ table: String(rel), name: f.name, columns: f.columns, oneToOne: f.one_to_one, referencedRelation: f.ref_relation, referencedColumns: f.ref_columns }))
      .sort((a, b) => cmp(a.name, b.name) || cmp(a.referencedRelation, b.referencedRelation))

  return { relations, functions, enums, composites, columnsOf, relationshipsOf, resolve }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------
// Rendering (prettier-like: 2 spaces, no semicolons, wrap past 80 columns)
// ---------------------------------------------------------------------------

const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name))
const pad = (n: number) => ' '.repeat(n)

/** `name: a | b | c`, or one member per line when too long. */
function union(indent: number, name: string, members: string[]): string {
  const line = `${pad(indent)}${key(name)}: ${members.join(' | ')}`
  if (line.length <= WIDTH || members.length < 2) return line
  return `${pad(indent)}${key(name)}:\n${members.map((m) => `${pad(indent + 2)}| ${m}`).join('\n')}`
}

function objectType(indent: number, fields: string[]): string {
  if (fields.length === 0) return `{}`
  return `{\n${fields.map((f) => `${pad(indent + 2)}${f}`).join('\n')}\n${pad(indent)}}`
}

function emptyMap(indent: number): string {
  return `{\n${pad(indent + 2)}[_ in never]: never\n${pad(indent)}}`
}

export function render(model: Awaited<ReturnType<typeof introspect>>, schemas: string[]): string {
  const out: string[] = []
  out.push(`export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "${POSTGREST_VERSION}"
  }`)

  for (const schema of schemas) {
    out.push(`  ${key(schema)}: {`)
    // Tables
    const tables = model.relations.filter((r) => r.schema === schema && (r.relkind === 'r' || r.relkind === 'p'))
    out.push(`    Tables: ${tables.length ? '{' : emptyMap(4)}`)
    for (const t of tables) {
      const cols = model.columnsOf(t.oid)
      out.push(`      ${key(t.name)}: {`)
      out.push(`        Row: ${objectType(8, cols.map((c) => `${key(c.name)}: ${c.type}${c.nullable ? ' | null' : ''}`))}`)
      out.push(`        Insert: ${objectType(8, cols.map((c) => insertField(c)))}`)
      out.push(`        Update: ${objectType(8, cols.map((c) => `${key(c.name)}?: ${c.generated ? 'never' : c.type + (c.nullable ? ' | null' : '')}`))}`)
      out.push(`        Relationships: ${relationships(8, model.relationshipsOf(t.oid))}`)
      out.push(`      }`)
    }
    if (tables.length) out.push(`    }`)
    // Views
    const views = model.relations.filter((r) => r.schema === schema && (r.relkind === 'v' || r.relkind === 'm'))
    out.push(`    Views: ${views.length ? '{' : emptyMap(4)}`)
    for (const v of views) {
      const cols = model.columnsOf(v.oid)
      out.push(`      ${key(v.name)}: {`)
      out.push(`        Row: ${objectType(8, cols.map((c) => `${key(c.name)}: ${c.type} | null`))}`)
      if (cols.some((c) => c.updatable)) {
        out.push(`        Insert: ${objectType(8, cols.map((c) => `${key(c.name)}?: ${c.type} | null`))}`)
        out.push(`        Update: ${objectType(8, cols.map((c) => `${key(c.name)}?: ${c.type} | null`))}`)
      }
      out.push(`        Relationships: ${relationships(8, model.relationshipsOf(v.oid))}`)
      out.push(`      }`)
    }
    if (views.length) out.push(`    }`)
    // Functions
    const fns = model.functions.filter((f) => f.schema === schema)
    out.push(`    Functions: ${fns.length ? '{' : emptyMap(4)}`)
    const byName = new Map<string, any[]>()
    for (const f of fns) byName.set(f.name, [...(byName.get(f.name) ?? []), f])
    for (const [name, overloads] of [...byName].sort((a, b) => cmp(a[0], b[0]))) {
      const prefix = overloads.length > 1 ? `        | ` : `      ${key(name)}: `
      const rendered = overloads.map((f) => functionType(model, f, schemas, overloads.length > 1 ? 8 : 6, prefix.length))
      if (rendered.length === 1) out.push(`      ${key(name)}: ${rendered[0]}`)
      else out.push(`      ${key(name)}:\n${rendered.map((r) => `        | ${r}`).join('\n')}`)
    }
    if (fns.length) out.push(`    }`)
    // Enums
    const enums = model.enums.filter((e) => e.schema === schema)
    out.push(`    Enums: ${enums.length ? '{' : emptyMap(4)}`)
    for (const e of enums) out.push(union(6, e.name, e.labels.map((l: string) => JSON.stringify(l))))
    if (enums.length) out.push(`    }`)
    // Composite types
    const composites = model.composites.filter((c) => c.schema === schema)
    out.push(`    CompositeTypes: ${composites.length ? '{' : emptyMap(4)}`)
    for (const c of composites) {
      const cols = model.columnsOf(c.rel)
      out.push(`      ${key(c.name)}: ${objectType(6, cols.map((col) => `${key(col.name)}: ${col.type} | null`))}`)
    }
    if (composites.length) out.push(`    }`)
    out.push(`  }`)
  }
  out.push(`}`)
  out.push('')
  out.push(HELPERS)
  out.push(constants(model, schemas))
  return out.join('\n')
}

function insertField(c: Column): string {
  if (c.generated) return `${key(c.name)}?: never`
  return `${key(c.name)}${c.optionalOnInsert ? '?' : ''}: ${c.type}${c.nullable ? ' | null' : ''}`
}

function relationships(indent: number, rels: Relationship[]): string {
  if (rels.length === 0) return '[]'
  const items = rels.map((r) =>
    [
      `${pad(indent + 2)}{`,
      `${pad(indent + 4)}foreignKeyName: ${JSON.stringify(r.name)}`,
      `${pad(indent + 4)}columns: [${r.columns.map((c) => JSON.stringify(c)).join(', ')}]`,
      `${pad(indent + 4)}isOneToOne: ${r.oneToOne}`,
      `${pad(indent + 4)}referencedRelation: ${JSON.stringify(r.referencedRelation)}`,
      `${pad(indent + 4)}referencedColumns: [${r.referencedColumns.map((c) => JSON.stringify(c)).join(', ')}]`,
      `${pad(indent + 2)}},`,
    ].join('\n'),
  )
  return `[\n${items.join('\n')}\n${pad(indent)}]`
}

function functionType(model: Awaited<ReturnType<typeof introspect>>, f: any, schemas: string[], indent: number, prefixLength: number): string {
  // Input arguments: IN and INOUT (and VARIADIC); the last pronargdefaults have defaults.
  const modes: string[] = f.argmodes.length ? f.argmodes : f.argtypes.map(() => 'i')
  const inputs = f.argtypes
    .map((type: number, i: number) => ({ type, name: f.argnames[i] ?? '', mode: modes[i] }))
    .filter((a: any) => ['i', 'b', 'v'].includes(a.mode))
  const firstDefault = inputs.length - f.pronargdefaults
  const args = inputs
    .map((a: any, i: number) => `${key(a.name)}${i >= firstDefault ? '?' : ''}: ${model.resolve(a.type)}`)
    .sort((a: string, b: string) => cmp(a, b))
  const argsType = args.length === 0 ? 'never' : `{ ${args.join('; ')} }`

  let returns: string
  let setof = ''
  const tableReturn = f.ret_relid && schemas.includes(f.ret_schema) && ['r', 'p', 'v', 'm', 'c'].includes(f.ret_relkind)
  if (tableReturn) {
    const rel = model.relations.find((r) => r.schema === f.ret_schema && r.name === f.ret_relation)
    const cols = rel ? model.columnsOf(rel.oid) : []
    returns = objectType(indent + 2, cols.map((c) => `${key(c.name)}: ${c.type}${c.nullable ? ' | null' : ''}`)) + (f.retset ? '[]' : '')
    setof = [
      `${pad(indent + 2)}SetofOptions: {`,
      `${pad(indent + 4)}from: "*"`,
      `${pad(indent + 4)}to: ${JSON.stringify(f.ret_relation)}`,
      `${pad(indent + 4)}isOneToOne: ${!f.retset}`,
      `${pad(indent + 4)}isSetofReturn: ${f.retset}`,
      `${pad(indent + 2)}}`,
    ].join('\n')
  } else {
    const base = model.resolve(f.rettype)
    returns = f.retset ? `${wrapArray(base)}[]` : base
  }

  const oneLine = `{ Args: ${argsType}; Returns: ${returns} }`
  if (!setof && !returns.includes('\n') && prefixLength + oneLine.length <= WIDTH) return oneLine
  const argsLine = `${pad(indent + 2)}Args: ${argsType}`
  const argsBlock = argsLine.length <= WIDTH || args.length === 0
    ? argsLine
    : `${pad(indent + 2)}Args: {\n${args.map((a: string) => `${pad(indent + 4)}${a}`).join('\n')}\n${pad(indent + 2)}}`
  return ['{', argsBlock, `${pad(indent + 2)}Returns: ${returns}`, ...(setof ? [setof] : []), `${pad(indent)}}`].join('\n')
}

function constants(model: Awaited<ReturnType<typeof introspect>>, schemas: string[]): string {
  const lines = ['export const Constants = {']
  for (const schema of schemas) {
    const enums = model.enums.filter((e) => e.schema === schema)
    lines.push(`  ${key(schema)}: {`)
    if (enums.length === 0) {
      lines.push(`    Enums: {},`)
    } else {
      lines.push(`    Enums: {`)
      for (const e of enums) {
        const values = e.labels.map((l: string) => JSON.stringify(l))
        const line = `      ${key(e.name)}: [${values.join(', ')}],`
        if (line.length <= WIDTH) lines.push(line)
        else lines.push(`      ${key(e.name)}: [\n${values.map((v: string) => `        ${v},`).join('\n')}\n      ],`)
      }
      lines.push(`    },`)
    }
    lines.push(`  },`)
  }
  lines.push('} as const', '')
  return lines.join('\n')
}

const HELPERS = `type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
`

/** Generates the file contents from a database connection. */
export async function generateTypes(db: Queryable, schemas: string[] = ['public']): Promise<string> {
  return render(await introspect(db, schemas), schemas)
}

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

async function withDatabase<T>(dbUrl: string | undefined, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  if (dbUrl) {
    const client = new pg.Client({ connectionString: dbUrl })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  }
  // A throwaway database built from the migrations: the types describe the
  // migrations, not whatever state a dev database drifted into.
  const { startLocalSupabase } = await import('../../tools/supabase-local/src/server.ts')
  const { findFreePort } = await import('../../tools/supabase-local/src/postgres.ts')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nourx-gen-types-'))
  const server = await startLocalSupabase({ projectRoot: PROJECT_ROOT, dataDir, port: await findFreePort(), statusFile: null, quiet: true })
  try {
    const client = new pg.Client({ connectionString: server.dbUrl })
    await client.connect()
    try {
      return await fn(client)
    } finally {
      await client.end()
    }
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const i = args.indexOf(name)
    return i === -1 ? undefined : args[i + 1]
  }
  const out = path.resolve(option('--out') ?? DEFAULT_OUT)
  const check = args.includes('--check')
  const text = await withDatabase(option('--db-url'), (db) => generateTypes(db))
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : ''
    if (current !== text) {
      console.error(`✖ ${path.relative(PROJECT_ROOT, out)} ne correspond plus aux migrations : lancez « node supabase/scripts/gen-types.ts ».`)
      process.exit(1)
    }
    console.log(`✓ ${path.relative(PROJECT_ROOT, out)} est à jour.`)
  } else {
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(out, text)
    console.log(`Types écrits dans ${path.relative(PROJECT_ROOT, out)}.`)
  }
}
