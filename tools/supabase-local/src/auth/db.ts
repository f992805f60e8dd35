// Database access for the auth service.
//
// Every write goes through `supabase_auth_admin`, a non-superuser that owns the
// auth schema, exactly like GoTrue on hosted Supabase: triggers the app puts on
// auth.users therefore run with that role's privileges (a trigger function
// that is not SECURITY DEFINER and touches public.* fails, as on hosted).
// Hosted also gives that role `search_path = auth`; we set it per transaction
// so an unqualified `profiles` in a trigger fails here as it does there.
import type pg from 'pg'

export type Db = Pick<pg.PoolClient, 'query'>

/** Runs `fn` in one transaction as supabase_auth_admin (search_path = auth). */
export async function withTx<T>(pool: pg.Pool, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query('set local search_path to auth')
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (e) {
    await client.query('rollback').catch(() => {})
    throw e
  } finally {
    client.release()
  }
}

/** True for a Postgres error (as opposed to our own AuthError). */
export function isPgError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'severity' in e
}
