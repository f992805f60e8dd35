// Database access the way Supabase Storage does it: one connection role
// (supabase_storage_admin, owner of the storage schema, member of anon /
// authenticated / service_role), and per request a transaction that switches
// to the caller's role with the same set_config batch as Storage's scope.ts,
// so that the app's policies on storage.objects / storage.buckets decide.
import type pg from 'pg'
import type { ServiceContext } from '../context.ts'
import type { Caller } from './caller.ts'
import { fromPgError } from './errors.ts'

/** What Storage exposes of the HTTP request to policies (request.* GUCs). */
export interface RequestScope {
  method: string
  path: string
  headers: Record<string, string>
  /** Route operation, read by storage.operation() (e.g. `storage.object.upload`). */
  operation: string
}

export type Query = <R extends pg.QueryResultRow = any>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>

// Everything is transaction-local (third argument true), like Storage.
const SCOPE_SQL = `select
  set_config('role', $1, true),
  set_config('request.jwt.claim.role', $1, true),
  set_config('request.jwt', $2, true),
  set_config('request.jwt.claim.sub', $3, true),
  set_config('request.jwt.claims', $4, true),
  set_config('request.headers', $5, true),
  set_config('request.method', $6, true),
  set_config('request.path', $7, true),
  set_config('storage.operation', $8, true),
  set_config('storage.allow_delete_query', 'true', true)`

const ROLLBACK = Symbol('rollback')

function isPgError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as any).code === 'string' && 'severity' in e
}

async function inTransaction<T>(
  ctx: ServiceContext,
  setup: ((client: pg.PoolClient) => Promise<unknown>) | null,
  fn: (query: Query) => Promise<T>,
  rollback: boolean,
): Promise<T> {
  const client = await ctx.db.storageAdmin.connect()
  let result: T | typeof ROLLBACK = ROLLBACK
  try {
    await client.query('begin')
    if (setup) await setup(client)
    const query: Query = async (sql, params) => {
      try {
        return await client.query(sql, params as any[])
      } catch (e) {
        throw isPgError(e) ? fromPgError(e) : e
      }
    }
    result = await fn(query)
    await client.query(rollback ? 'rollback' : 'commit')
    return result
  } catch (e) {
    await client.query('rollback').catch(() => {})
    throw isPgError(e) ? fromPgError(e) : e
  } finally {
    client.release()
  }
}

function scopeSetup(caller: Caller, scope: RequestScope) {
  return (client: pg.PoolClient) =>
    client.query(SCOPE_SQL, [
      caller.role,
      caller.jwt,
      caller.sub ?? '',
      JSON.stringify(caller.claims),
      JSON.stringify(scope.headers),
      scope.method,
      scope.path,
      scope.operation,
    ])
}

/** Runs `fn` in a transaction as the caller (RLS applies), then commits. */
export function asCaller<T>(ctx: ServiceContext, caller: Caller, scope: RequestScope, fn: (q: Query) => Promise<T>) {
  return inTransaction(ctx, scopeSetup(caller, scope), fn, false)
}

/**
 * Storage's `testPermission`: runs statements as the caller and always rolls
 * back. Only their RLS outcome matters (an error here refuses the request).
 */
export function rehearse<T>(ctx: ServiceContext, caller: Caller, scope: RequestScope, fn: (q: Query) => Promise<T>) {
  return inTransaction(ctx, scopeSetup(caller, scope), fn, true)
}

/** A rehearsal as the storage admin (signed upload URLs upload as superuser, uniqueness still applies). */
export function rehearseAsAdmin<T>(ctx: ServiceContext, fn: (q: Query) => Promise<T>) {
  return inTransaction(ctx, null, fn, true)
}

/**
 * Runs `fn` as supabase_storage_admin, the tables' owner: RLS does not apply
 * (Storage's `asSuperUser()`). Deletes are allowed through the API guard.
 */
export function asAdmin<T>(ctx: ServiceContext, fn: (q: Query) => Promise<T>) {
  return inTransaction(
    ctx,
    (client) => client.query(`select set_config('storage.allow_delete_query', 'true', true)`),
    fn,
    false,
  )
}
