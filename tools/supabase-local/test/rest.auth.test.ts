// /rest/v1 security: row level security as the mutation SQL shape exposes
// it, privileges (42501 with 401/403 and the hosted hint), JWT errors, the
// role switch and request GUCs, schema cache reloads, and bad input that
// must never crash the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SignJWT, importJWK } from 'jose'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { TestServer } from './helpers.ts'
import { ALICE, BOB, pgrstError, rest, startRestServer, userClient, userToken } from './fixtures/rest/support.ts'

let server: TestServer
let alice: SupabaseClient<any, any, any>
let bob: SupabaseClient<any, any, any>
let aliceToken: string
let sql: pg.Client

beforeAll(async () => {
  server = await startRestServer()
  aliceToken = await userToken(server, ALICE)
  alice = userClient(server, aliceToken)
  bob = userClient(server, await userToken(server, BOB))
  sql = new pg.Client({ connectionString: server.dbUrl })
  await sql.connect()
})
afterAll(async () => {
  await sql?.end()
  await server?.close()
})

const sign = (claims: Record<string, unknown>, secret = server.jwtSecret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret))
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

describe('row level security', () => {
  it('filters rows on select by policy', async () => {
    const ins = await alice.from('notes').insert({ body: 'note of alice' }).select('body, owner_id').single()
    expect(ins).toMatchObject({ status: 201, data: { body: 'note of alice', owner_id: ALICE } })
    expect((await alice.from('notes').select('body')).data).toEqual([{ body: 'note of alice' }])
    expect((await bob.from('notes').select('body')).data).toEqual([])
    const all = await server.admin().from('notes').select('body')
    expect(all.data).toEqual([{ body: 'note of alice' }])
  })

  it('answers 42501 for a row the policy refuses: 403 when signed in', async () => {
    const { error, status } = await alice.from('notes').insert({ body: 'forged', owner_id: BOB })
    expect(status).toBe(403)
    expect(error).toEqual(pgrstError('42501', 'new row violates row-level security policy for table "notes"'))
  })

  it('inserts with only an INSERT policy, but insert().select() needs a SELECT policy (RETURNING shape)', async () => {
    const plain = await alice.from('inbox').insert({ body: 'hello' })
    expect([plain.status, plain.error]).toEqual([201, null])
    const returning = await alice.from('inbox').insert({ body: 'hello again' }).select()
    expect(returning.status).toBe(403)
    expect(returning.error).toEqual(pgrstError('42501', 'new row violates row-level security policy for table "inbox"'))
    const stored = (await sql.query('select body from public.inbox order by id')).rows.map((r) => r.body)
    expect(stored).toEqual(['hello'])
  })

  it('makes upserts subject to SELECT policies even without select()', async () => {
    const merge = await alice.from('inbox').upsert({ id: 900, body: 'upsert' })
    expect(merge.status).toBe(403)
    expect(merge.error?.code).toBe('42501')
    const ignore = await alice.from('inbox').upsert({ id: 901, body: 'upsert' }, { ignoreDuplicates: true })
    expect(ignore.status).toBe(403)
  })

  it('updates and deletes invisible rows as 0 rows, not an error', async () => {
    const upd = await bob.from('notes').update({ body: 'hijacked' }, { count: 'exact' }).eq('owner_id', ALICE)
    expect([upd.status, upd.count, upd.error]).toEqual([204, 0, null])
    const del = await bob.from('notes').delete({ count: 'exact' }).eq('owner_id', ALICE)
    expect([del.status, del.count]).toEqual([204, 0])
    const kept = (await sql.query('select body from public.notes')).rows
    expect(kept).toEqual([{ body: 'note of alice' }])
  })
})

describe('privileges', () => {
  it('answers missing grants with 42501 (401 for anon) and the hosted hint, not PGRST205', async () => {
    const r = await rest(server, '/notes')
    expect(r.status).toBe(401)
    expect(r.json).toEqual(
      pgrstError('42501', 'permission denied for table notes', null, 'Grant the required privileges to the current role with: GRANT SELECT ON public.notes TO anon;'),
    )
    expect(r.headers.get('www-authenticate')).toBe('Bearer')
    expect(r.headers.get('proxy-status')).toBe('PostgREST; error=42501')
    const secrets = await alice.from('secrets').select()
    expect(secrets.status).toBe(403)
    expect(secrets.error).toEqual(
      pgrstError('42501', 'permission denied for table secrets', null, 'Grant the required privileges to the current role with: GRANT SELECT ON public.secrets TO authenticated;'),
    )
  })

  it('names the privilege the statement needed', async () => {
    const anonInsert = await server.client().from('films').insert({ title: 'x' })
    expect(anonInsert.status).toBe(401)
    expect(anonInsert.error?.hint).toBe('Grant the required privileges to the current role with: GRANT INSERT ON public.films TO anon;')
    const seq = await alice.from('counters').insert({ label: 'x' })
    expect(seq.status).toBe(403)
    expect(seq.error).toEqual(
      pgrstError(
        '42501',
        'permission denied for sequence counters_id_seq',
        null,
        'Grant the required privileges to the current role with: GRANT USAGE, SELECT ON SEQUENCE public.counters_id_seq TO authenticated;',
      ),
    )
    const fn = await alice.rpc('locked')
    expect(fn.status).toBe(403)
    expect(fn.error?.message).toBe('permission denied for function locked')
  })

  it('lets service_role bypass RLS', async () => {
    const { data } = await server.admin().from('inbox').select('body').order('id')
    expect(data).toEqual([{ body: 'hello' }])
  })
})

describe('JWT', () => {
  it('refuses an expired token with 401 PGRST303 and WWW-Authenticate', async () => {
    const now = Math.floor(Date.now() / 1000)
    const expired = await sign({ sub: ALICE, role: 'authenticated', iat: now - 7200, exp: now - 3600 })
    const r = await rest(server, '/films', { headers: bearer(expired) })
    expect(r.status).toBe(401)
    expect(r.json).toEqual(pgrstError('PGRST303', 'JWT expired'))
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"')
    const early = await sign({ sub: ALICE, role: 'authenticated', nbf: now + 3600, exp: now + 7200 })
    expect((await rest(server, '/films', { headers: bearer(early) })).json).toEqual(pgrstError('PGRST303', 'JWT not yet valid'))
  })

  it('refuses undecodable or badly signed tokens with 401 PGRST301', async () => {
    const parts = await rest(server, '/films', { headers: bearer('not-a-jwt') })
    expect([parts.status, parts.json]).toEqual([401, pgrstError('PGRST301', 'Expected 3 parts in JWT; got 1')])
    const forged = await sign({ sub: ALICE, role: 'service_role' }, 'another-secret-that-is-at-least-32-characters')
    const bad = await rest(server, '/films', { headers: bearer(forged) })
    expect(bad.status).toBe(401)
    expect(bad.json.code).toBe('PGRST301')
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description=/)
  })

  it('accepts ES256 access tokens signed with the auth key (kid), as GoTrue issues them', async () => {
    const stored = JSON.parse(readFileSync(path.join(server.config.dataDir, 'jwt-signing-key.json'), 'utf8'))
    const key = await importJWK(stored.privateJwk, 'ES256')
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ sub: ALICE, role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: stored.kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key)
    const { data, error } = await userClient(server, token).from('notes').select('body')
    expect(error).toBeNull()
    expect(data).toEqual([{ body: 'note of alice' }])
  })

  it('switches to the role claim: unknown roles 401, roles the API may not assume 403, no role = anon', async () => {
    const unknown = await rest(server, '/films', { headers: bearer(await sign({ role: 'nobody' })) })
    expect(unknown.status).toBe(401)
    expect(unknown.json).toEqual(pgrstError('22023', 'role "nobody" does not exist'))
    const postgres = await rest(server, '/films', { headers: bearer(await sign({ role: 'postgres' })) })
    expect(postgres.status).toBe(403)
    expect(postgres.json.code).toBe('42501')
    const noRole = await rest(server, '/rpc/whoami', { headers: bearer(await sign({ sub: ALICE })) })
    expect(noRole.json.role).toBe('anon')
    expect(noRole.json.claims).toEqual({ sub: ALICE, role: 'anon' })
  })
})

describe('request context published to SQL', () => {
  it('sets role, claims, method, path, headers, cookies, search_path and per-role settings', async () => {
    const r = await rest(server, '/rpc/whoami', {
      method: 'POST',
      headers: { ...bearer(aliceToken), 'Content-Type': 'application/json', 'X-Trace': 'abc', Cookie: 'sb-a=1; theme=dark' },
      body: '{}',
    })
    expect(r.status).toBe(200)
    const w = r.json
    expect(w).toMatchObject({
      role: 'authenticated',
      uid: ALICE,
      jwt_role: 'authenticated',
      method: 'POST',
      path: '/rpc/whoami',
      cookies: { 'sb-a': '1', theme: 'dark' },
      search_path: '"public", "public", "extensions"',
      statement_timeout: '8s',
      // whoami() is STABLE: PostgREST runs POST to stable/immutable functions read-only too.
      read_only: 'on',
      timezone: 'UTC',
    })
    expect(w.claims).toMatchObject({ sub: ALICE, role: 'authenticated', aud: 'authenticated' })
    expect(w.headers['x-trace']).toBe('abc')
    expect(w.headers.apikey).toBe(server.anonKey)
    expect(w.headers.authorization).toBe(`Bearer ${aliceToken}`)
    expect(w.headers.cookie).toBeUndefined()
    expect(Object.keys(w.headers).every((k) => k === k.toLowerCase())).toBe(true)
  })

  it('runs reads in a read-only transaction as anon with anon settings, and honours Prefer: timezone', async () => {
    const r = await rest(server, '/rpc/whoami', { headers: { Prefer: 'timezone=Africa/Abidjan' } })
    expect(r.json).toMatchObject({ role: 'anon', method: 'GET', read_only: 'on', statement_timeout: '3s', timezone: 'Africa/Abidjan' })
    expect(r.json.claims).toEqual({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 })
    expect(r.headers.get('preference-applied')).toBe('timezone=Africa/Abidjan')
    // A publishable key is swapped for the anon JWT by the gateway, as hosted Kong does.
    const pub = await rest(server, '/rpc/whoami', { headers: { apikey: server.publishableKey } })
    expect(pub.json.headers.authorization).toBe(`Bearer ${server.anonKey}`)
  })
})

describe('schema cache', () => {
  it('reloads after DDL (event triggers NOTIFY pgrst) and on NOTIFY pgrst, reload schema', async () => {
    const until = async (path: string, status: number) => {
      for (let i = 0; i < 100; i++) {
        const r = await rest(server, path)
        if (r.status === status) return r
        await new Promise((res) => setTimeout(res, 50))
      }
      return rest(server, path)
    }
    expect((await rest(server, '/late_table')).status).toBe(404)
    await sql.query(`create table public.late_table (id int primary key, label text); grant select on public.late_table to anon;
      insert into public.late_table values (1, 'late')`)
    const created = await until('/late_table?select=label', 200)
    expect(created.json).toEqual([{ label: 'late' }])
    // A statement prepared before DDL must not keep the old parameter types.
    expect((await rest(server, '/late_table?select=id&id=eq.1')).json).toEqual([{ id: 1 }])
    await sql.query('alter table public.late_table alter column id type text')
    const retyped = await until('/late_table?select=id&id=eq.one', 200)
    expect(retyped.json).toEqual([])
    await sql.query('alter table public.late_table add column extra text')
    await sql.query(`create function public.late_fn() returns int language sql as 'select 7'`)
    expect((await until('/rpc/late_fn', 200)).json).toBe(7)
    // Event triggers off: only an explicit NOTIFY reloads.
    await sql.query(`alter event trigger pgrst_ddl_watch disable; alter event trigger pgrst_drop_watch disable`)
    // Let reloads already queued by the statements above finish.
    await new Promise((res) => setTimeout(res, 300))
    try {
      await sql.query('drop table public.late_table')
      await new Promise((res) => setTimeout(res, 150))
      // The stale cache still knows the table: Postgres answers 42P01 (also a 404), not PGRST205.
      expect((await rest(server, '/late_table')).json.code).toBe('42P01')
      await sql.query(`notify pgrst, 'reload schema'`)
      let gone = await rest(server, '/late_table')
      for (let i = 0; i < 100 && gone.json.code !== 'PGRST205'; i++) {
        await new Promise((res) => setTimeout(res, 50))
        gone = await rest(server, '/late_table')
      }
      expect(gone.json.code).toBe('PGRST205')
    } finally {
      await sql.query(`alter event trigger pgrst_ddl_watch enable; alter event trigger pgrst_drop_watch enable`)
    }
  })
})

describe('bad input', () => {
  it('answers every malformed request with a PostgREST error, never a 500', async () => {
    const cases: [string, RequestInit & { headers?: Record<string, string> }][] = [
      ['/films?select=((', {}],
      ['/films?select=id,', {}],
      ['/films?order=', {}],
      ['/films?order=id.sideways', {}],
      ['/films?id=in.(', {}],
      ['/films?or=(', {}],
      ['/films?or=(id.eq.1', {}],
      ['/films?and=id.eq.1', {}],
      ['/films?%ZZ=1', {}],
      ['/films?id=eq.1&id=is.maybe', {}],
      ['/films?metadata->=eq.1', {}],
      ['/films?select=id::', {}],
      ['/films?select=*,actors!(*)', {}],
      ['/films?limit=abc&offset=-4', {}],
      ['/films?year=gt.notanumber', {}],
      ['/films?tags=cs.notanarray', {}],
      ['/films?during=adj.[1', {}],
      ['/films/1', {}],
      ['/rpc/', {}],
      ['/rpc/add', { method: 'PATCH' }],
      ['/rpc/add?a=x&b=2', {}],
      ['/films', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'null' }],
      ['/films', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' }],
      ['/films', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":"\\u0000"}' }],
      ['/films', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"title":' }],
      ['/films?id=eq.1', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '"string"' }],
      ['/films', { headers: { Range: '9-1' } }],
      ['/films', { headers: { Accept: 'application/vnd.pgrst.plan+text; for="application/json"' } }],
      ['/films', { headers: { Prefer: 'count=bogus, return=nothing' } }],
      ['/films', { headers: { 'Accept-Profile': '"; drop table films; --' } }],
      ['/', {}],
    ]
    for (const [path, init] of cases) {
      const r = await rest(server, path, init)
      expect(r.status, `${init.method ?? 'GET'} ${path}: ${r.text}`).toBeLessThan(500)
      if (r.status >= 400) {
        expect(Object.keys(r.json ?? {}).sort(), `${path}: ${r.text}`).toEqual(['code', 'details', 'hint', 'message'])
        expect(r.text).not.toMatch(/ at .*\.ts:\d+/)
      }
    }
    // The server is still fine.
    expect((await rest(server, '/films?select=id&id=eq.1')).json).toEqual([{ id: 1 }])
  })

  it('answers unsupported methods and paths like PostgREST', async () => {
    const rpc = await rest(server, '/rpc/add', { method: 'PATCH' })
    expect([rpc.status, rpc.json]).toEqual([405, pgrstError('PGRST101', 'Cannot use the PATCH method on RPC')])
    const path = await rest(server, '/films/1')
    expect([path.status, path.json]).toEqual([404, pgrstError('PGRST125', 'Invalid path specified in request URL')])
  })
})
