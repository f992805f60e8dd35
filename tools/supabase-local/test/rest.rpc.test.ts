// /rest/v1/rpc: every return shape, POST and GET arguments, filters on
// set-returning results, void, read-only GET, raised errors, response GUCs
// and function lookup errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { TestServer } from './helpers.ts'
import { pgrstError, rest, startRestServer } from './fixtures/rest/support.ts'

let server: TestServer
let db: SupabaseClient<any, any, any>
let sql: pg.Client

beforeAll(async () => {
  server = await startRestServer()
  db = server.client()
  sql = new pg.Client({ connectionString: server.dbUrl })
  await sql.connect()
})
afterAll(async () => {
  await sql?.end()
  await server?.close()
})

describe('return shapes', () => {
  it('returns a scalar as a bare JSON value', async () => {
    expect(await db.rpc('add', { a: 1, b: 2 })).toMatchObject({ data: 3, error: null, status: 200 })
    const raw = await rest(server, '/rpc/add', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":40,"b":2}' })
    expect([raw.text, raw.headers.get('content-range'), raw.headers.get('content-type')]).toEqual(['42', '0-0/*', 'application/json; charset=utf-8'])
  })

  it('uses argument defaults and accepts an empty body', async () => {
    expect((await db.rpc('hello')).data).toBe('hello world')
    expect((await db.rpc('hello', { name: 'Abidjan' })).data).toBe('hello Abidjan')
    const empty = await rest(server, '/rpc/hello', { method: 'POST' })
    expect(empty.json).toBe('hello world')
  })

  it('calls with GET (args in the query string) and HEAD', async () => {
    expect((await db.rpc('add', { a: 5, b: 6 }, { get: true })).data).toBe(11)
    expect((await db.rpc('sum_array', { nums: [1, 2, 3] }, { get: true })).data).toBe(6)
    expect((await db.rpc('sum_array', { nums: [4, 5] })).data).toBe(9)
    const head = await db.rpc('add', { a: 1, b: 1 }, { head: true })
    expect([head.status, head.data]).toEqual([200, null])
  })

  it('returns setof scalar as an array', async () => {
    const { data } = await db.rpc('film_titles')
    expect(data).toEqual(['Cléo de 5 à 7', 'Black Girl', 'Touki Bouki', 'Xala', 'Untitled'])
  })

  it('returns setof composite as rows that accept select, filters, order, limit and embedding', async () => {
    const { data } = await db.rpc('films_since', { y: 1966 }).select('id, title').gt('year', 1970).order('id', { ascending: false }).limit(1)
    expect(data).toEqual([{ id: 4, title: 'Xala' }])
    const { data: embedded } = await db.rpc('films_since', { y: 1970 }).select('title, directors(last_name)').order('id')
    expect(embedded).toEqual([
      { title: 'Touki Bouki', directors: { last_name: 'Diop Mambéty' } },
      { title: 'Xala', directors: { last_name: 'Sembène' } },
    ])
    const counted = await db.rpc('films_since', { y: 1900 }, { count: 'exact' }).select('id').range(0, 1)
    expect([counted.status, counted.count, counted.data]).toEqual([206, 4, [{ id: 1 }, { id: 2 }]])
  })

  it('returns a single composite as an object (all nulls when the function returns no row)', async () => {
    const { data } = await db.rpc('film_by_id', { fid: 3 }).select('id, title')
    expect(data).toEqual({ id: 3, title: 'Touki Bouki' })
    const none = await db.rpc('film_by_id', { fid: 999 }).select('id, title')
    expect(none.data).toEqual({ id: null, title: null })
  })

  it('returns TABLE(...) functions as arrays of objects', async () => {
    const { data } = await db.rpc('director_stats')
    expect(data).toEqual([
      { director_id: 1, films: 1 },
      { director_id: 2, films: 2 },
      { director_id: 3, films: 1 },
    ])
  })

  it('passes the whole body to a single unnamed json parameter', async () => {
    expect((await db.rpc('echo', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] })
    const arr = await rest(server, '/rpc/echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[{"a":1},{"a":2}]' })
    expect(arr.json).toEqual([{ a: 1 }, { a: 2 }])
    // The payload is checked before the function is looked up, as in PostgREST.
    const scalars = await rest(server, '/rpc/echo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2,3]' })
    expect([scalars.status, scalars.json]).toEqual([400, pgrstError('PGRST102', 'All object keys must match')])
  })

  it('passes the body as one object with Prefer: params=single-object', async () => {
    const r = await rest(server, '/rpc/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Prefer: 'params=single-object' },
      body: '{"a":1,"b":[2]}',
    })
    expect([r.status, r.json]).toEqual([200, { a: 1, b: [2] }])
  })

  it('answers void functions with 204 and runs volatile POSTs read-write', async () => {
    const res = await db.rpc('log_event', { message: 'called' })
    expect([res.status, res.data, res.error]).toEqual([204, null, null])
    expect((await sql.query(`select count(*)::int n from public.events where message = 'called'`)).rows[0].n).toBe(1)
  })

  it('runs GET in a read-only transaction: writing functions fail with 405 (25006)', async () => {
    const res = await db.rpc('log_event', { message: 'via get' }, { get: true })
    expect(res.status).toBe(405)
    expect(res.error).toEqual(pgrstError('25006', 'cannot execute INSERT in a read-only transaction'))
  })

  it('applies single() to function results', async () => {
    const res = await db.rpc('films_since', { y: 1970 }).single()
    expect(res.status).toBe(406)
    expect(res.error?.details).toBe('The result contains 2 rows')
  })
})

describe('errors and response control', () => {
  it('maps RAISE to 400 P0001 with message, detail and hint', async () => {
    const { error, status } = await db.rpc('fail', { msg: 'boom' })
    expect(status).toBe(400)
    expect(error).toEqual(pgrstError('P0001', 'boom', 'from fail()', 'try again'))
  })

  it('maps SQLSTATE PTxxx to HTTP status xxx', async () => {
    const r = await rest(server, '/rpc/payment_required', { method: 'POST' })
    expect(r.status).toBe(402)
    expect(r.json).toEqual(pgrstError('PT402', 'Payment Required'))
  })

  it("gives RAISE SQLSTATE 'PGRST' full control of status, body and headers", async () => {
    const r = await rest(server, '/rpc/teapot', { method: 'POST' })
    expect(r.status).toBe(418)
    expect(r.json).toEqual(pgrstError('TEA01', 'I am a teapot', 'short and stout', null))
    expect(r.headers.get('x-powered-by')).toBe('Tea')
  })

  it('lets functions set response.status and response.headers', async () => {
    const r = await rest(server, '/rpc/accepted', { method: 'POST' })
    expect([r.status, r.json, r.headers.get('x-job')]).toEqual([202, { queued: true }, '42'])
    const text = await rest(server, '/rpc/plain_text', { method: 'POST' })
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8')
  })

  it('answers unknown functions and argument sets with 404 PGRST202 and hints', async () => {
    const none = await db.rpc('nope_zz')
    expect(none.status).toBe(404)
    expect(none.error).toEqual(
      pgrstError(
        'PGRST202',
        'Could not find the function public.nope_zz without parameters in the schema cache',
        'Searched for the function public.nope_zz without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
        null,
      ),
    )
    const typo = await db.rpc('addd', { a: 1, b: 2 })
    expect(typo.error?.hint).toBe('Perhaps you meant to call the function public.add')
    const args = await db.rpc('add', { x: 1 })
    expect(args.error).toEqual(
      pgrstError(
        'PGRST202',
        'Could not find the function public.add(x) in the schema cache',
        'Searched for the function public.add with parameter x or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
        'Perhaps you meant to call the function public.add(a, b)',
      ),
    )
    const get = await rest(server, '/rpc/add?a=1')
    expect(get.json.details).toBe('Searched for the function public.add with parameter a, but no matches were found in the schema cache.')
  })

  it('answers ambiguous overloads with 300 PGRST203', async () => {
    const { error, status } = await db.rpc('overloaded', { a: 1 })
    expect(status).toBe(300)
    expect(error).toEqual({
      code: 'PGRST203',
      message: expect.stringMatching(/^Could not choose the best candidate function between: public\.overloaded\(a => (integer|text)\), public\.overloaded\(a => (integer|text)\)$/),
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    })
  })

  it("enforces the role's statement_timeout on the request's statement (500 57014)", async () => {
    const started = Date.now()
    const { error, status } = await db.rpc('slow')
    expect(status).toBe(500)
    expect(error).toEqual(pgrstError('57014', 'canceling statement due to statement timeout'))
    expect(Date.now() - started).toBeLessThan(3400)
  })

  it('reports argument coercion errors from Postgres', async () => {
    const r = await rest(server, '/rpc/add?a=x&b=2')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(pgrstError('22P02', 'invalid input syntax for type integer: "x"'))
  })
})
