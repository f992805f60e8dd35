// /rest/v1 writes: insert, upsert, update, delete and their Prefer options,
// statuses and headers, payload errors, the safeupdate guard and singular
// rollbacks — through supabase-js and raw fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { TestServer } from './helpers.ts'
import { ALICE, pgrstError, rest, startRestServer, userClient, userToken } from './fixtures/rest/support.ts'

let server: TestServer
let db: SupabaseClient<any, any, any>
let token: string
let sql: pg.Client
const auth = () => ({ Authorization: `Bearer ${token}` })

beforeAll(async () => {
  server = await startRestServer()
  token = await userToken(server, ALICE)
  db = userClient(server, token)
  sql = new pg.Client({ connectionString: server.dbUrl })
  await sql.connect()
})
afterAll(async () => {
  await sql?.end()
  await server?.close()
})

const label = async (name: string) => (await sql.query('select * from public.labels where name = $1', [name])).rows[0]

describe('insert', () => {
  it('inserts without returning anything by default: 201, empty body', async () => {
    const res = await db.from('labels').insert({ name: 'minimal' })
    expect(res).toMatchObject({ error: null, data: null, status: 201 })
    expect(await label('minimal')).toMatchObject({ uses: 0, color: 'black' })
    const raw = await rest(server, '/labels', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"name":"raw-minimal"}' })
    expect([raw.status, raw.text, raw.headers.get('content-range'), raw.headers.get('content-type')]).toEqual([201, '', '*/*', null])
    expect(raw.headers.get('preference-applied')).toBeNull()
  })

  it('returns the rows with select(), embeds included', async () => {
    const { data, status } = await db.from('labels').insert({ name: 'with-film', film_id: 3 }).select('name, uses, films(title)')
    expect(status).toBe(201)
    expect(data).toEqual([{ name: 'with-film', uses: 0, films: { title: 'Touki Bouki' } }])
    const single = await db.from('labels').insert({ name: 'single' }).select('name').single()
    expect(single.data).toEqual({ name: 'single' })
  })

  it('inserts arrays through columns=: missing keys are NULL, or DEFAULT with defaultToNull: false', async () => {
    const nulls = await db.from('labels').insert([{ name: 'bulk-a', color: 'red' }, { name: 'bulk-b' }]).select('name, color')
    expect(nulls.data).toEqual([{ name: 'bulk-a', color: 'red' }, { name: 'bulk-b', color: null }])
    const defaults = await db
      .from('labels')
      .insert([{ name: 'bulk-c', color: 'red' }, { name: 'bulk-d' }], { defaultToNull: false })
      .select('name, color')
    expect(defaults.data).toEqual([{ name: 'bulk-c', color: 'red' }, { name: 'bulk-d', color: 'black' }])
    // A NOT NULL column left out of one object becomes NULL and fails like on hosted.
    const notNull = await db.from('labels').insert([{ name: 'bulk-e', uses: 1 }, { name: 'bulk-f' }])
    expect(notNull.status).toBe(400)
    expect(notNull.error).toMatchObject({ code: '23502', message: 'null value in column "uses" of relation "labels" violates not-null constraint' })
  })

  it('reports Preference-Applied and Content-Range for a counted representation', async () => {
    const r = await rest(server, '/labels?select=name', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', Prefer: 'return=representation, count=exact, missing=default' },
      body: JSON.stringify([{ name: 'pref-a' }, { name: 'pref-b' }]),
    })
    expect(r.status).toBe(201)
    expect(r.json).toEqual([{ name: 'pref-a' }, { name: 'pref-b' }])
    expect(r.headers.get('content-range')).toBe('*/2')
    expect(r.headers.get('preference-applied')).toBe('missing=default, return=representation, count=exact')
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
  })

  it('answers return=headers-only with a Location header', async () => {
    const r = await rest(server, '/labels', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', Prefer: 'return=headers-only' },
      body: JSON.stringify({ id: 500, name: 'located' }),
    })
    expect([r.status, r.text]).toEqual([201, ''])
    expect(r.headers.get('location')).toBe('/labels?id=eq.500')
  })

  it('answers constraint violations with Postgres errors: 409 for unique/foreign keys, 400 otherwise', async () => {
    const dup = await db.from('labels').insert({ name: 'classic' })
    expect(dup.status).toBe(409)
    expect(dup.error).toEqual(pgrstError('23505', 'duplicate key value violates unique constraint "labels_name_key"', 'Key (name)=(classic) already exists.'))
    const fk = await db.from('labels').insert({ name: 'orphan', film_id: 999 })
    expect(fk.status).toBe(409)
    expect(fk.error).toMatchObject({ code: '23503', details: 'Key (film_id)=(999) is not present in table "films".' })
    const type = await db.from('labels').insert({ name: 'typed', uses: 'many' })
    expect(type.status).toBe(400)
    expect(type.error).toMatchObject({ code: '22P02' })
  })

  it('refuses unknown payload columns (PGRST204) and bad bodies (PGRST102)', async () => {
    const unknown = await db.from('labels').insert({ name: 'x', nope: 1 })
    expect(unknown.status).toBe(400)
    expect(unknown.error).toEqual(pgrstError('PGRST204', "Could not find the 'nope' column of 'labels' in the schema cache"))
    const post = (body: string, extra: Record<string, string> = {}) =>
      rest(server, '/labels', { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/json', ...extra }, body })
    const invalid = await post('{"name":')
    expect(invalid.status).toBe(400)
    expect(invalid.json).toEqual(pgrstError('PGRST102', 'Empty or invalid json'))
    const empty = await post('')
    expect(empty.json).toEqual(pgrstError('PGRST102', 'Empty or invalid json'))
    const keys = await post('[{"name":"k1"},{"name":"k2","uses":1}]')
    expect(keys.status).toBe(400)
    expect(keys.json).toEqual(pgrstError('PGRST102', 'All object keys must match'))
    const xml = await post('<a/>', { 'Content-Type': 'application/xml' })
    expect(xml.json).toEqual(pgrstError('PGRST102', 'Content-Type not acceptable: application/xml'))
  })
})

describe('upsert', () => {
  it('merges duplicates on the primary key: 201 when inserting, 200 when only updating', async () => {
    const created = await db.from('labels').upsert({ id: 300, name: 'upsert-pk', uses: 1 }).select('id, uses')
    expect([created.status, created.data]).toEqual([201, [{ id: 300, uses: 1 }]])
    const updated = await db.from('labels').upsert({ id: 300, name: 'upsert-pk', uses: 2 }).select('id, uses')
    expect([updated.status, updated.data]).toEqual([200, [{ id: 300, uses: 2 }]])
    const mixed = await db.from('labels').upsert([{ id: 300, name: 'upsert-pk', uses: 3 }, { id: 301, name: 'upsert-pk2', uses: 1 }])
    expect(mixed.status).toBe(201)
  })

  it('merges on on_conflict columns, or ignores duplicates', async () => {
    const merged = await db.from('labels').upsert({ name: 'classic', uses: 10 }, { onConflict: 'name' }).select('id, name, uses')
    expect(merged.data).toEqual([{ id: 1, name: 'classic', uses: 10 }])
    const ignored = await db.from('labels').upsert({ name: 'restored', uses: 99 }, { onConflict: 'name', ignoreDuplicates: true }).select()
    expect([ignored.status, ignored.data]).toEqual([201, []])
    expect((await label('restored')).uses).toBe(1)
    const r = await rest(server, '/labels?on_conflict=name', {
      method: 'POST',
      headers: { ...auth(), 'Content-Type': 'application/json', Prefer: 'resolution=merge-duplicates' },
      body: JSON.stringify({ name: 'classic', uses: 11 }),
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('preference-applied')).toBe('resolution=merge-duplicates')
  })

  it('upserts a single row with PUT by primary key', async () => {
    const put = (id: number, body: object, prefer = 'return=representation') =>
      rest(server, `/labels?id=eq.${id}`, { method: 'PUT', headers: { ...auth(), 'Content-Type': 'application/json', Prefer: prefer }, body: JSON.stringify(body) })
    const created = await put(400, { id: 400, name: 'put-me', uses: 1 })
    expect([created.status, created.json]).toEqual([201, [{ id: 400, name: 'put-me', uses: 1, color: 'black', film_id: null }]])
    const replaced = await put(400, { id: 400, name: 'put-me', uses: 2 })
    expect([replaced.status, replaced.json[0].uses]).toEqual([200, 2])
    const mismatch = await put(401, { id: 402, name: 'put-other', uses: 0 })
    expect([mismatch.status, mismatch.json]).toEqual([400, pgrstError('PGRST115', 'Payload values do not match URL in primary key column(s)')])
    const filters = await rest(server, '/labels?name=eq.x', { method: 'PUT', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"name":"x"}' })
    expect([filters.status, filters.json.code]).toEqual([405, 'PGRST105'])
  })
})

describe('update and delete', () => {
  it('updates filtered rows: 204 by default, 200 with the rows when selected, counts in Content-Range', async () => {
    await sql.query(`insert into public.labels (name, uses) values ('upd-1', 0), ('upd-2', 0), ('upd-3', 5)`)
    const plain = await db.from('labels').update({ uses: 1 }).eq('name', 'upd-1')
    expect(plain).toMatchObject({ status: 204, data: null, error: null })
    const selected = await db.from('labels').update({ uses: 2 }).in('name', ['upd-1', 'upd-2']).select('name, uses').order('name')
    expect([selected.status, selected.data]).toEqual([200, [{ name: 'upd-1', uses: 2 }, { name: 'upd-2', uses: 2 }]])
    const counted = await db.from('labels').update({ color: 'blue' }, { count: 'exact' }).like('name', 'upd-%')
    expect([counted.status, counted.count]).toEqual([204, 3])
    const raw = await rest(server, '/labels?name=eq.upd-3', { method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json', Prefer: 'count=exact' }, body: '{"uses":6}' })
    expect(raw.headers.get('content-range')).toBe('0-0/1')
    const none = await rest(server, '/labels?name=eq.nobody', { method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json', Prefer: 'count=exact' }, body: '{"uses":6}' })
    expect(none.headers.get('content-range')).toBe('*/0')
    const noop = await db.from('labels').update({}).eq('name', 'upd-3')
    expect(noop.status).toBe(204)
  })

  it('deletes filtered rows, returning them when selected', async () => {
    await sql.query(`insert into public.labels (name) values ('del-1'), ('del-2')`)
    const { status, data } = await db.from('labels').delete().eq('name', 'del-1').select('name')
    expect([status, data]).toEqual([200, [{ name: 'del-1' }]])
    const counted = await db.from('labels').delete({ count: 'exact' }).eq('name', 'del-2')
    expect([counted.status, counted.count]).toEqual([204, 1])
    const r = await rest(server, '/labels?name=eq.del-none', { method: 'DELETE', headers: { ...auth(), Prefer: 'count=exact' } })
    expect(r.headers.get('content-range')).toBe('*/0')
  })

  it('refuses PATCH and DELETE without a filter as safeupdate does (400 21000), changing nothing', async () => {
    const before = (await sql.query('select count(*)::int n from public.labels')).rows[0].n
    const upd = await rest(server, '/labels', { method: 'PATCH', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"uses":0}' })
    expect(upd.status).toBe(400)
    expect(upd.text).toBe('{"code":"21000","details":null,"hint":null,"message":"UPDATE requires a WHERE clause"}')
    const del = await db.from('labels').delete()
    expect(del.status).toBe(400)
    expect(del.error).toEqual(pgrstError('21000', 'DELETE requires a WHERE clause'))
    // Embedded filters do not count as a WHERE on the table itself.
    const embedded = await rest(server, '/labels?select=*,films(*)&films.id=eq.1', { method: 'DELETE', headers: auth() })
    expect(embedded.status).toBe(400)
    expect((await sql.query('select count(*)::int n from public.labels')).rows[0].n).toBe(before)
  })

  it('rolls back a mutation whose result is not singular (406 PGRST116)', async () => {
    await sql.query(`insert into public.labels (name, uses) values ('single-1', 0), ('single-2', 0)`)
    const res = await db.from('labels').update({ uses: 42 }).like('name', 'single-%').select().single()
    expect(res.status).toBe(406)
    expect(res.error).toEqual(pgrstError('PGRST116', 'Cannot coerce the result to a single JSON object', 'The result contains 2 rows'))
    const rows = (await sql.query(`select uses from public.labels where name like 'single-%'`)).rows
    expect(rows.map((r) => r.uses)).toEqual([0, 0])
    const del = await rest(server, '/labels?name=like.single-*', { method: 'DELETE', headers: { ...auth(), Accept: 'application/vnd.pgrst.object+json' } })
    expect(del.status).toBe(406)
    expect((await sql.query(`select count(*)::int n from public.labels where name like 'single-%'`)).rows[0].n).toBe(2)
  })

  it('enforces max-affected with handling=strict (400 PGRST124, rolled back)', async () => {
    await sql.query(`insert into public.labels (name) values ('max-1'), ('max-2')`)
    // maxAffected() is typed for PostgREST 13+ clients only; the untyped client sends the same headers.
    const { error, status } = await (db.from('labels').delete().like('name', 'max-%') as any).maxAffected(1)
    expect(status).toBe(400)
    expect(error).toEqual(pgrstError('PGRST124', 'Query result exceeds max-affected preference constraint', 'The query affects 2 rows'))
    expect((await sql.query(`select count(*)::int n from public.labels where name like 'max-%'`)).rows[0].n).toBe(2)
    const ok = await (db.from('labels').delete().like('name', 'max-%') as any).maxAffected(2)
    expect(ok.status).toBe(204)
  })

  it('refuses unknown preferences with handling=strict (PGRST122)', async () => {
    const r = await rest(server, '/labels?name=eq.x', { method: 'DELETE', headers: { ...auth(), Prefer: 'handling=strict, frobnicate' } })
    expect(r.status).toBe(400)
    expect(r.json).toEqual(pgrstError('PGRST122', 'Invalid preferences given with handling=strict', 'Invalid preferences: frobnicate'))
  })
})
