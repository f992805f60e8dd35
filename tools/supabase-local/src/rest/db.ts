// One transaction per request on the `authenticator` pool, as PostgREST runs
// them: BEGIN (READ ONLY for reads), one `select set_config(...)` that
// switches role and publishes the request to SQL, the main statement, then
// COMMIT — or ROLLBACK on error / when the response must be condemned
// (PGRST116 singular violations, max-affected).
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Compiled } from './compiler.ts'

/** Values come back exactly as Postgres renders them (JSON bodies stay byte-identical, bigints stay exact). */
const RAW_TYPES = { getTypeParser: () => (value: string) => value }

/** A SQL string literal. standard_conforming_strings is on (Postgres default, never changed here). */
export function literal(value: string): string {
  const cut = value.indexOf('\u0000')
  const v = cut === -1 ? value : value.slice(0, cut)
  return `'${v.replace(/'/g, "''")}'`
}

export interface RequestSettings {
  readOnly: boolean
  isolation: 'read committed' | 'repeatable read' | 'serializable'
  /** The `select set_config(...), ...` statement (literals inlined: it rides in the BEGIN round trip). */
  setConfig: string
}

export interface Tx {
  /** Runs a compiled statement; rows come back as raw text. */
  query(c: Compiled): Promise<Record<string, string | null>[]>
}

// Prepared statements are named by the hash of their SQL, i.e. per query
// shape: values are parameters, so the same kind of request reuses the plan.
// The number of names is capped so an endless variety of shapes cannot grow
// every connection's statement cache without bound.
const MAX_NAMED = 2000
const named = new Set<string>()
function statementName(sql: string): string | undefined {
  const name = 'pgrst_' + createHash('sha1').update(sql).digest('base64url').slice(0, 20)
  if (named.has(name)) return name
  if (named.size >= MAX_NAMED) return undefined
  named.add(name)
  return name
}

export async function inTransaction<T>(
  pool: pg.Pool,
  settings: RequestSettings,
  fn: (tx: Tx) => Promise<{ commit: boolean; value: T }>,
): Promise<T> {
  const client = await pool.connect()
  // Set when the connection itself is in doubt: it is then destroyed, not reused.
  let destroy: Error | undefined
  try {
    const mode = settings.readOnly ? 'READ ONLY' : 'READ WRITE'
    // BEGIN and set_config share one round trip (simple query protocol, two statements).
    await client.query(`BEGIN ISOLATION LEVEL ${settings.isolation.toUpperCase()} ${mode}; ${settings.setConfig}`)
    const tx: Tx = {
      async query(c) {
        const res = await client.query({ name: statementName(c.sql), text: c.sql, values: c.params, types: RAW_TYPES })
        return res.rows
      },
    }
    const result = await fn(tx)
    await client.query(result.commit ? 'COMMIT' : 'ROLLBACK')
    return result.value
  } catch (e: any) {
    await client.query('ROLLBACK').catch((err) => (destroy = err))
    if (typeof e?.code !== 'string') destroy ??= e
    throw e
  } finally {
    client.release(destroy)
  }
}
