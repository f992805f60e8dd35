// Test helpers for the database: a throwaway local Supabase (temp data dir,
// free port) with the project's migrations and seed, SQL run as any actor,
// and supabase-js clients signed in as the demo users.
import path from 'node:path'
import pg from 'pg'
import { SignJWT } from 'jose'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { startTestServer, type TestServer } from '../../tools/supabase-local/test/helpers.ts'
import { ID } from './fixtures.ts'

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..')

export type Actor = 'anon' | 'acme' | 'baobab' | 'admin' | 'service'
export const ACTORS: Actor[] = ['anon', 'acme', 'baobab', 'admin', 'service']

/** The Postgres role and JWT claims PostgREST would set for each actor. */
export const ACTOR_SESSION: Record<Actor, { role: string; claims: Record<string, unknown> }> = {
  anon: { role: 'anon', claims: { role: 'anon' } },
  acme: { role: 'authenticated', claims: { sub: ID.userAcme, role: 'authenticated', aud: 'authenticated', email: 'client@acme.test' } },
  baobab: { role: 'authenticated', claims: { sub: ID.userBaobab, role: 'authenticated', aud: 'authenticated', email: 'client@baobab.test' } },
  admin: { role: 'authenticated', claims: { sub: ID.userAdmin, role: 'authenticated', aud: 'authenticated', email: 'admin@nourx.test' } },
  service: { role: 'service_role', claims: { role: 'service_role' } },
}

export interface Db {
  server: TestServer
  /** Superuser pool (bypasses RLS): fixtures and reference queries. */
  pool: pg.Pool
  close(): Promise<void>
}

export async function startDb(): Promise<Db> {
  const server = await startTestServer({ projectRoot: PROJECT_ROOT })
  const pool = new pg.Pool({ connectionString: server.dbUrl, max: 25 })
  pool.on('error', () => {})
  return {
    server,
    pool,
    async close() {
      await pool.end()
      await server.close()
    },
  }
}

/** Result of one statement run as an actor: rows, or the Postgres error. */
export type Outcome =
  | { ok: true; rowCount: number; rows: any[] }
  | { ok: false; code: string; message: string }

/**
 * Runs `setup` as superuser, then `sql` as the actor, in one transaction that
 * is always rolled back: cases never see each other's writes.
 */
export async function runAs(
  pool: pg.Pool,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
  setup: string[] = [],
): Promise<Outcome> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    for (const s of setup) await client.query(s)
    await setSession(client, actor)
    try {
      const r = await client.query(sql, params)
      return { ok: true, rowCount: r.rowCount ?? 0, rows: r.rows }
    } catch (e: any) {
      return { ok: false, code: e.code ?? 'unknown', message: e.message }
    }
  } finally {
    await client.query('rollback').catch(() => {})
    client.release()
  }
}

/** Switches the connection to the actor for the rest of the transaction. */
export async function setSession(client: pg.PoolClient | pg.Client, actor: Actor) {
  const { role, claims } = ACTOR_SESSION[actor]
  await client.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [
    JSON.stringify(claims),
    role,
  ])
}

/** Runs a function with a connection switched to the actor, then rolls back. */
export async function withActor<T>(pool: pg.Pool, actor: Actor, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    await setSession(client, actor)
    return await fn(client)
  } finally {
    await client.query('rollback').catch(() => {})
    client.release()
  }
}

/** Error of a statement run as the actor (the test fails when it succeeds). */
export async function errorOf(pool: pg.Pool, actor: Actor, sql: string, params: unknown[] = [], setup: string[] = []) {
  const r = await runAs(pool, actor, sql, params, setup)
  if (r.ok) throw new Error(`expected an error, got ${r.rowCount} row(s) for: ${sql}`)
  return r
}

/** An access token for a demo user, signed like GoTrue's (HS256 with the project secret). */
export async function accessToken(server: TestServer, actor: Exclude<Actor, 'anon' | 'service'>): Promise<string> {
  const { claims } = ACTOR_SESSION[actor]
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ ...claims, app_metadata: {}, user_metadata: {} })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(server.jwtSecret))
}

/** A supabase-js client acting as the actor over HTTP (/rest/v1, /storage/v1). */
export async function clientFor(server: TestServer, actor: Actor): Promise<SupabaseClient<any, any, any>> {
  const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } }
  if (actor === 'anon') return createClient(server.apiUrl, server.anonKey, options)
  if (actor === 'service') return createClient(server.apiUrl, server.serviceRoleKey, options)
  const token = await accessToken(server, actor)
  return createClient(server.apiUrl, server.anonKey, {
    ...options,
    accessToken: async () => token,
  })
}
