import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort } from '../src/postgres.ts'
import { startLocalSupabase } from '../src/server.ts'
import { MigrationError } from '../src/migrations.ts'
import { startTestServer, type TestServer } from './helpers.ts'

describe('server lifecycle and bootstrap', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server?.close())

  it('uses the Supabase CLI well-known legacy keys', () => {
    expect(server.anonKey).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0',
    )
    expect(server.serviceRoleKey).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
    )
  })

  it('has the roles, schemas and settings of a hosted project', async () => {
    const c = new pg.Client({ connectionString: server.dbUrl })
    await c.connect()
    try {
      const roles = await c.query(`select rolname, rolbypassrls, rolcanlogin from pg_roles where rolname in
        ('anon','authenticated','service_role','authenticator','supabase_auth_admin','supabase_storage_admin') order by rolname`)
      expect(roles.rows.map((r) => r.rolname)).toEqual([
        'anon', 'authenticated', 'authenticator', 'service_role', 'supabase_auth_admin', 'supabase_storage_admin',
      ])
      expect(roles.rows.find((r) => r.rolname === 'service_role').rolbypassrls).toBe(true)
      const tz = await c.query(`select current_setting('timezone') as tz`)
      expect(tz.rows[0].tz).toMatch(/UTC/)
      const super_ = await c.query(`select rolsuper from pg_roles where rolname = current_user`)
      expect(super_.rows[0].rolsuper).toBe(true)
      const uid = await c.query(`begin; set local role authenticated;
        select set_config('request.jwt.claims', '{"sub":"6f1c2b9e-0000-4000-8000-000000000001","role":"authenticated","email":"a@b.c"}', true);
        select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt()->>'sub' as sub; commit;`)
      const row = (uid as any)[3].rows[0]
      expect(row).toEqual({
        uid: '6f1c2b9e-0000-4000-8000-000000000001', role: 'authenticated', email: 'a@b.c',
        sub: '6f1c2b9e-0000-4000-8000-000000000001',
      })
      const folders = await c.query(`select storage.foldername('a/b/c.png') f, storage.filename('a/b/c.png') n, storage.extension('a/b/c.png') e`)
      expect(folders.rows[0]).toEqual({ f: ['a', 'b'], n: 'c.png', e: 'png' })
    } finally {
      await c.end()
    }
  })

  it('serves the JWKS without an apikey and refuses other paths without one', async () => {
    const jwks = await fetch(`${server.apiUrl}/auth/v1/.well-known/jwks.json`)
    expect(jwks.status).toBe(200)
    const body = await jwks.json()
    expect(body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
    expect(body.keys[0].d).toBeUndefined()
    const res = await fetch(`${server.apiUrl}/rest/v1/anything`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    })
    const bad = await fetch(`${server.apiUrl}/rest/v1/anything`, { headers: { apikey: 'nope' } })
    expect(bad.status).toBe(401)
    expect((await bad.json()).message).toBe('Invalid API key')
  })
})

describe('migrations', () => {
  it('applies new files in order, records them, restarts on the same data dir, and stops on a failing file', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'sl-proj-'))
    chmodSync(root, 0o755)
    const dataDir = path.join(root, 'data')
    const migDir = path.join(root, 'supabase', 'migrations')
    mkdirSync(migDir, { recursive: true })
    writeFileSync(path.join(migDir, '20260101000000_first.sql'), 'create table public.a (id int primary key);')
    writeFileSync(path.join(root, 'supabase', 'seed.sql'), 'insert into public.a values (1);')
    const statusFile = path.join(root, 'status.json')
    const port = await findFreePort()
    try {
      let s = await startLocalSupabase({ projectRoot: root, dataDir, port, statusFile, quiet: true })
      const status = JSON.parse(readFileSync(statusFile, 'utf8'))
      expect(Object.keys(status)).toEqual(expect.arrayContaining(['api_url', 'db_url', 'anon_key', 'service_role_key', 'jwt_secret', 'mail_url']))
      await s.stop()
      expect(existsSync(statusFile)).toBe(false)

      writeFileSync(path.join(migDir, '20260102000000_second.sql'), 'create table public.b (id int primary key);')
      s = await startLocalSupabase({ projectRoot: root, dataDir, port, statusFile: null, quiet: true })
      const c = new pg.Client({ connectionString: s.dbUrl })
      await c.connect()
      const versions = await c.query('select version, name from supabase_migrations.schema_migrations order by version')
      expect(versions.rows).toEqual([
        { version: '20260101000000', name: 'first' },
        { version: '20260102000000', name: 'second' },
      ])
      // seed ran once only (a second run would have failed on the primary key)
      expect((await c.query('select count(*)::int n from public.a')).rows[0].n).toBe(1)
      await c.end()
      await s.stop()

      writeFileSync(
        path.join(migDir, '20260103000000_broken.sql'),
        'create table public.c (id int primary key); select * from public.nope;',
      )
      await expect(startLocalSupabase({ projectRoot: root, dataDir, port, statusFile: null, quiet: true })).rejects.toSatisfy(
        (e: unknown) =>
          e instanceof MigrationError && e.file === '20260103000000_broken.sql' && /relation "public.nope" does not exist/.test(e.message),
      )
      rmSync(path.join(migDir, '20260103000000_broken.sql'))
      s = await startLocalSupabase({ projectRoot: root, dataDir, port, statusFile: null, quiet: true })
      const c2 = new pg.Client({ connectionString: s.dbUrl })
      await c2.connect()
      // the failing file left nothing behind
      expect((await c2.query(`select to_regclass('public.c') as t`)).rows[0].t).toBeNull()
      await c2.end()
      await s.stop()
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
