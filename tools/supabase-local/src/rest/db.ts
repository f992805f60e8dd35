// One transaction per request on the `authenticator` pool, as PostgREST runs
// them: BEGIN (READ ONLY for reads), one `select set_config(...)` that
// switches role and publishes the request to SQL, the main statement, then
// COMMIT — or ROLLBACK on error / when the response must be condemned
// (PGRST116 singular violations, max-affected, PUT mismatches).
//
// Round trips dominate the cost of a small request (three of them cost ~3×
// one, measured), so the whole transaction travels as ONE simple-protocol
// message when possible:
//
//   BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
//   PREPARE pgrst_<h1> AS select set_config('search_path', $1, true), set_config('role', $2, true), ...;  -- once per connection
//   EXECUTE pgrst_<h1>(E'"public", "public", "extensions"', E'anon', ...);
//   PREPARE pgrst_<h2> AS <compiled SQL with $1, $2 ...>;   -- once per connection and query shape
//   EXECUTE pgrst_<h2>(E'value1', E'value2');
//   COMMIT
//
// Values stay parameters of a prepared statement: EXECUTE passes them as
// untyped literals that Postgres coerces to the parameter types it inferred at
// PREPARE time — the same inference and the same errors as PostgREST's
// unknown-typed bind parameters. Literals are E'' strings with backslashes and
// quotes escaped, which is safe whatever standard_conforming_strings says.
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Compiled } from './compiler.ts'

/** Values come back exactly as Postgres renders them (JSON bodies stay byte-identical, bigints stay exact). */
const RAW_TYPES = { getTypeParser: () => (value: string) => value }

/** An escape-string literal; text after a NUL is dropped (Postgres text cannot hold NUL). */
export function literal(value: string): string {
  const cut = value.indexOf('\u0000')
  const v = cut === -1 ? value : value.slice(0, cut)
  return `E'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

export interface RequestSettings {
  readOnly: boolean
  isolation: 'read committed' | 'repeatable read' | 'serializable'
  /** The settings, in order: `select set_config(k1, v1, true), set_config(k2, v2, true), ...`. */
  settings: [string, string][]
}

/**
 * The `select set_config(...)` statement for these settings: prepared once per
 * connection and list of names, executed with the values — Postgres would
 * otherwise parse and plan it again for every request.
 */
function setConfigStatement(settings: [string, string][]): { sql: string; params: string[] } {
  const keys = settings.map(([k]) => k)
  return {
    sql: `select ${keys.map((k, i) => `set_config(${literal(k)}, $${i + 1}, true)`).join(', ')}`,
    params: settings.map(([, v]) => v),
  }
}

export type Row = Record<string, string | null>

export interface Tx {
  /** A further statement in the same transaction (extended protocol, bound parameters). */
  query(c: Compiled): Promise<Row[]>
}

// Statements are named by the hash of their SQL, i.e. per query shape. The
// number of names is capped so an endless variety of shapes cannot grow
// every connection's statement cache without bound; past the cap a shape is
// prepared, executed and deallocated within its own message.
const MAX_NAMED = 2000
const named = new Set<string>()
function statementName(sql: string): string | null {
  const name = 'pgrst_' + createHash('sha1').update(sql).digest('hex').slice(0, 24)
  if (named.has(name)) return name
  if (named.size >= MAX_NAMED) return null
  named.add(name)
  return name
}

/**
 * Statements already prepared on each pooled connection, per schema-cache
 * generation. A prepared statement keeps the parameter types inferred when it
 * was prepared, so after DDL (schema reload) every connection drops its
 * statements (DEALLOCATE ALL) before preparing again — PostgREST likewise
 * releases its connections on reload.
 */
const preparedOn = new WeakMap<pg.PoolClient, { generation: number; names: Set<string> }>()
let generation = 0

/** Called on schema cache reload: statements prepared before it are dropped on next use. */
export function invalidatePreparedStatements() {
  generation++
}

/**
 * Runs the request's transaction. `main` (if any) runs in the first message;
 * with `autoCommit` the COMMIT rides along too (reads, and writes whose
 * response cannot be condemned). Otherwise `after` decides COMMIT/ROLLBACK,
 * possibly after further statements.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  settings: RequestSettings,
  main: Compiled | null,
  autoCommit: boolean,
  after: (rows: Row[], tx: Tx) => Promise<{ commit: boolean; value: T }>,
): Promise<T> {
  const client = await pool.connect()
  // Set when the connection itself is in doubt: it is then destroyed, not reused.
  let destroy: Error | undefined
  let open = false
  let committed = false
  let toPrepareOnError: string[] = []
  let entry = preparedOn.get(client)
  if (!entry) preparedOn.set(client, (entry = { generation, names: new Set() }))
  const known = entry.names
  try {
    const mode = settings.readOnly ? 'READ ONLY' : 'READ WRITE'
    const parts: string[] = []
    if (entry.generation !== generation) {
      // First, outside the transaction: it then happens even if the rest fails.
      parts.push('DEALLOCATE ALL')
      known.clear()
      entry.generation = generation
    }
    parts.push(`BEGIN ISOLATION LEVEL ${settings.isolation.toUpperCase()} ${mode}`)
    const toPrepare: string[] = []
    // Appends PREPARE (first time on this connection) + EXECUTE; returns the EXECUTE's index.
    const execute = (c: Compiled) => {
      const name = statementName(c.sql)
      const stmt = name ?? 'pgrst_unnamed'
      if (!name || !known.has(name)) {
        parts.push(`PREPARE ${stmt} AS ${c.sql}`)
        toPrepare.push(stmt)
      }
      parts.push(`EXECUTE ${stmt}${c.params.length ? `(${c.params.map(literal).join(', ')})` : ''}`)
      const index = parts.length - 1
      if (!name) parts.push(`DEALLOCATE ${stmt}`)
      return index
    }
    toPrepareOnError = toPrepare
    execute(setConfigStatement(settings.settings))
    const mainIndex = main ? execute(main) : -1
    if (autoCommit) parts.push('COMMIT')
    open = !autoCommit
    const results: any = await client.query({ text: parts.join('; '), types: RAW_TYPES })
    committed = autoCommit
    for (const stmt of toPrepare) if (stmt !== 'pgrst_unnamed') known.add(stmt)
    const rows: Row[] = mainIndex >= 0 ? (Array.isArray(results) ? results[mainIndex].rows : results.rows) : []
    const tx: Tx = {
      async query(c) {
        if (!open) throw new Error('transaction already committed')
        const res = await client.query({ text: c.sql, values: c.params, types: RAW_TYPES })
        return res.rows
      },
    }
    const result = await after(rows, tx)
    if (open) {
      open = false
      await client.query(result.commit ? 'COMMIT' : 'ROLLBACK')
    }
    return result.value
  } catch (e: any) {
    if (!committed) await client.query('ROLLBACK').catch((err) => (destroy = err))
    if (typeof e?.code !== 'string') destroy ??= e
    // PREPARE is not transactional: if the message failed after one, the
    // statement may exist anyway. Ask the connection instead of guessing.
    if (toPrepareOnError.length && !destroy && !committed) {
      await client
        .query({ text: 'select name from pg_catalog.pg_prepared_statements where name = any($1)', values: [toPrepareOnError] })
        .then(async (r) => {
          for (const { name } of r.rows) {
            if (name === 'pgrst_unnamed') await client.query('DEALLOCATE pgrst_unnamed')
            else known.add(name)
          }
        })
        .catch((err) => (destroy = err))
    }
    throw e
  } finally {
    client.release(destroy)
  }
}
