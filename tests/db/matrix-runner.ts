// Runs the RLS matrix of matrix.ts against real Postgres, either in SQL with
// role switching or over /rest/v1 with supabase-js, and turns what happened
// into the outcome words of the EXPECTED table.
import type pg from 'pg'
import type { SupabaseClient } from '@supabase/supabase-js'
import { runAs, type Actor, type Outcome } from './helpers.ts'
import { keySql, whereOf, type Op, type TableSpec } from './matrix.ts'

export interface ReferenceSets {
  all: Set<string>
  visible: Set<string>
}

/** ACME's rows of the table and the client-visible subset, read as superuser. */
export async function referenceSets(pool: pg.Pool, spec: TableSpec, clientId: string): Promise<ReferenceSets> {
  const base = `select ${keySql(spec)} as k from public.${spec.table} where ${spec.scope(clientId)}`
  const all = await pool.query(base)
  const visible = await pool.query(`${base} and (${spec.visible ?? 'true'})`)
  return { all: new Set(all.rows.map((r) => r.k)), visible: new Set(visible.rows.map((r) => r.k)) }
}

export function classifySelect(seenKeys: string[] | { error: { code: string; message: string } }, ref: ReferenceSets): string {
  if (!Array.isArray(seenKeys)) return classifyError(seenKeys.error)
  const seen = new Set(seenKeys.filter((k) => ref.all.has(k)))
  if (seen.size === 0) return 'none'
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((k) => b.has(k))
  if (same(seen, ref.all)) return 'all'
  if (same(seen, ref.visible)) return 'client'
  return `partial(${seen.size}/${ref.all.size})`
}

export function classifyError(e: { code?: string; message?: string }): string {
  if (e.code === '42501' && /row-level security/.test(e.message ?? '')) return 'rls'
  if (e.code === '42501' && /permission denied/.test(e.message ?? '')) return 'denied'
  return `error:${e.code}`
}

export function classifyWrite(r: Outcome): string {
  if (!r.ok) return classifyError(r)
  return r.rowCount > 0 ? 'ok' : 'none'
}

// ---------------------------------------------------------------------------
// SQL half
// ---------------------------------------------------------------------------

export async function sqlOutcome(pool: pg.Pool, spec: TableSpec, actor: Actor, op: Op, ref: ReferenceSets): Promise<string> {
  const t = `public.${spec.table}`
  if (op === 'select') {
    const r = await runAs(pool, actor, `select ${keySql(spec)} as k from ${t}`)
    return classifySelect(r.ok ? r.rows.map((x) => x.k) : { error: r }, ref)
  }
  if (op === 'insert') {
    const { before = [], row } = spec.insert()
    const cols = Object.keys(row)
    const sql = `insert into ${t} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`
    return classifyWrite(await runAs(pool, actor, sql, Object.values(row), before))
  }
  if (op === 'update') {
    const { setup = [], match, column } = spec.update()
    const where = whereOf(match)
    return classifyWrite(await runAs(pool, actor, `update ${t} set ${column} = ${column} where ${where.sql}`, where.params, setup))
  }
  const { setup = [], match } = spec.delete()
  const where = whereOf(match)
  return classifyWrite(await runAs(pool, actor, `delete from ${t} where ${where.sql}`, where.params, setup))
}

// ---------------------------------------------------------------------------
// /rest/v1 half. Writes commit here (hosted PostgREST does not honour
// Prefer: tx=rollback), so every mutation works on its own fixture row.
// ---------------------------------------------------------------------------

export async function restOutcome(
  pool: pg.Pool,
  client: SupabaseClient<any, any, any>,
  spec: TableSpec,
  op: Op,
  ref: ReferenceSets,
): Promise<string> {
  const from = () => client.from(spec.table)
  if (op === 'select') {
    const { data, error } = await from().select(spec.key.join(',')).range(0, 999)
    if (error) return classifySelect({ error }, ref)
    return classifySelect((data ?? []).map((row: any) => spec.key.map((k) => String(row[k])).join('/')), ref)
  }
  if (op === 'insert') {
    const { before = [], after = [], row } = spec.insert()
    for (const s of before) await pool.query(s)
    const { error } = await from().insert(row)
    for (const s of after) await pool.query(s)
    return error ? classifyError(error) : 'ok'
  }
  if (op === 'update') {
    const { setup = [], match, column } = spec.update()
    for (const s of setup) await pool.query(s)
    const where = whereOf(match)
    const current = await pool.query(`select ${column} as v from public.${spec.table} where ${where.sql}`, where.params)
    const value = current.rows[0]?.v ?? null
    const { error, count } = await from()
      .update({ [column]: value instanceof Date ? value.toISOString() : value }, { count: 'exact' })
      .match(match)
    if (error) return classifyError(error)
    return (count ?? 0) > 0 ? 'ok' : 'none'
  }
  const { setup = [], match } = spec.delete()
  for (const s of setup) await pool.query(s)
  const where = whereOf(match)
  const before = await pool.query(`select count(*)::int as n from public.${spec.table} where ${where.sql}`, where.params)
  const { error } = await from().delete().match(match)
  if (error) return classifyError(error)
  const after = await pool.query(`select count(*)::int as n from public.${spec.table} where ${where.sql}`, where.params)
  return after.rows[0].n < before.rows[0].n ? 'ok' : 'none'
}
