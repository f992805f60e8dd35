// /rest/v1 reads through the real supabase-js client (and raw fetch where
// statuses and headers matter): select, embedding, filters, ordering, paging,
// counts and representations, as hosted PostgREST answers them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { TestServer } from './helpers.ts'
import { pgrstError, rest, startRestServer } from './fixtures/rest/support.ts'

let server: TestServer
let db: SupabaseClient<any, any, any>

beforeAll(async () => {
  server = await startRestServer()
  db = server.client()
})
afterAll(() => server?.close())

const ids = (rows: { id: number }[] | null) => (rows ?? []).map((r) => r.id)

describe('select', () => {
  it('returns columns, aliases and casts', async () => {
    const { data, error, status } = await db.from('films').select('id, name:title, year::text').eq('id', 1)
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(data).toEqual([{ id: 1, name: 'Cléo de 5 à 7', year: '1962' }])
  })

  it('renders values as Postgres JSON does (timestamptz, numeric, bigint, date, arrays, jsonb)', async () => {
    const r = await rest(server, '/films?id=eq.1&select=created_at,rating,budget,released,tags,metadata,in_color')
    expect(r.status).toBe(200)
    expect(r.text).toBe(
      '[{"created_at":"2026-01-01T00:00:00+00:00","rating":8.0,"budget":64000,"released":"1962-04-11","tags":["paris","drama"],"metadata":{"color": false, "langs": ["fr"], "runtime": 90},"in_color":false}]',
    )
  })

  it('reads JSON paths, naming the output after the last key', async () => {
    const { data } = await db
      .from('films')
      .select('id, metadata->>runtime, metadata->runtime, first_lang:metadata->langs->0, metadata->langs->>1')
      .in('id', [1, 2])
      .order('id')
    expect(data).toEqual([
      { id: 1, runtime: 90, first_lang: 'fr', langs: null },
      { id: 2, runtime: 59, first_lang: 'fr', langs: 'wo' },
    ])
  })

  it('calls computed fields (functions of the row) like columns', async () => {
    const { data } = await db.from('films').select('title_upper').eq('id', 3)
    expect(data).toEqual([{ title_upper: 'TOUKI BOUKI' }])
  })

  it('answers an unknown column with the Postgres error, 400', async () => {
    const r = await rest(server, '/films?select=id,nope_zzz')
    expect(r.status).toBe(400)
    expect(r.json).toMatchObject({ code: '42703', message: 'column films.nope_zzz does not exist' })
    expect(Object.keys(r.json).sort()).toEqual(['code', 'details', 'hint', 'message'])
  })

  it('answers a malformed select with PGRST100', async () => {
    const r = await rest(server, '/films?select=id,directors(name[])')
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('PGRST100')
    expect(r.json.message).toBe('"failed to parse select parameter (id,directors(name[]))" (line 1, column 18)')
    expect(r.json.hint).toBeNull()
  })
})

describe('embedding', () => {
  it('embeds many-to-one as an object, or null when there is no parent', async () => {
    const { data } = await db.from('films').select('id, directors(last_name)').in('id', [1, 5]).order('id')
    expect(data).toEqual([
      { id: 1, directors: { last_name: 'Varda' } },
      { id: 5, directors: null },
    ])
  })

  it('embeds one-to-many as an array, [] when empty', async () => {
    const { data } = await db.from('directors').select('last_name, films(id)').order('id')
    expect(data).toEqual([
      { last_name: 'Varda', films: [{ id: 1 }] },
      { last_name: 'Sembène', films: [{ id: 2 }, { id: 4 }] },
      { last_name: 'Diop Mambéty', films: [{ id: 3 }] },
    ])
    const { data: none } = await db.from('actors').select('id, messages!sender_id(id)').eq('id', 1)
    expect(none).toEqual([{ id: 1, messages: [] }])
  })

  it('embeds one-to-one as an object from both sides', async () => {
    const { data } = await db.from('films').select('id, film_details(language)').in('id', [1, 2]).order('id')
    expect(data).toEqual([
      { id: 1, film_details: { language: 'fr' } },
      { id: 2, film_details: null },
    ])
    const { data: back } = await db.from('film_details').select('language, films(title)').eq('film_id', 3)
    expect(back).toEqual([{ language: 'wo', films: { title: 'Touki Bouki' } }])
  })

  it('embeds many-to-many through the junction table', async () => {
    const { data } = await db.from('films').select('id, actors(first_name)').in('id', [3, 4]).order('id').order('id', { referencedTable: 'actors' })
    expect(data).toEqual([
      { id: 3, actors: [{ first_name: 'Magaye' }, { first_name: 'Mareme' }] },
      { id: 4, actors: [] },
    ])
  })

  it('filters children only; !inner drops parents without matching children', async () => {
    const { data: all } = await db.from('films').select('id, actors(first_name)').eq('actors.first_name', 'Mareme').order('id')
    expect(all!.map((f) => [f.id, f.actors.length])).toEqual([[1, 0], [2, 0], [3, 1], [4, 0], [5, 0]])
    const { data: inner } = await db.from('films').select('id, actors!inner(first_name)').eq('actors.first_name', 'Mareme')
    expect(inner).toEqual([{ id: 3, actors: [{ first_name: 'Mareme' }] }])
  })

  it('turns a filtered-out to-one embed into null, or drops the row with !inner', async () => {
    const { data } = await db.from('films').select('id, directors(last_name)').eq('directors.last_name', 'Varda').in('id', [1, 2]).order('id')
    expect(data).toEqual([
      { id: 1, directors: { last_name: 'Varda' } },
      { id: 2, directors: null },
    ])
    const { data: inner } = await db.from('films').select('id, directors!inner(last_name)').eq('directors.last_name', 'Varda')
    expect(inner).toEqual([{ id: 1, directors: { last_name: 'Varda' } }])
  })

  it('supports null filters on embeds (not.is.null = inner, is.null = anti-join), also inside or', async () => {
    const notNull = await rest(server, '/films?select=id,actors(id)&actors=not.is.null&order=id')
    expect(ids(notNull.json)).toEqual([1, 2, 3])
    const isNull = await rest(server, '/films?select=id,actors(id)&actors=is.null&order=id')
    expect(ids(isNull.json)).toEqual([4, 5])
    const either = await rest(server, '/films?select=id,actors(id),directors(id)&or=(actors.not.is.null,directors.is.null)&order=id')
    expect(ids(either.json)).toEqual([1, 2, 3, 5])
    const bad = await rest(server, '/films?select=id,actors(id)&actors=eq.1')
    expect(bad.status).toBe(400)
    expect(bad.json).toEqual(pgrstError('PGRST120', "Bad operator on the 'actors' embedded resource", 'Only is null or not is null filters are allowed on embedded resources'))
  })

  it('disambiguates with !hint (constraint or column) and reports ambiguity with 300 PGRST201', async () => {
    const { data } = await db
      .from('messages')
      .select('content, from:actors!messages_sender_id_fkey(first_name), to:actors!receiver_id(first_name)')
      .order('id')
      .limit(1)
    expect(data).toEqual([{ content: 'On part à Paris', from: { first_name: 'Magaye' }, to: { first_name: 'Mareme' } }])
    const amb = await rest(server, '/messages?select=*,actors(*)')
    expect(amb.status).toBe(300)
    expect(amb.json).toEqual({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'messages' and 'actors'",
      details: expect.arrayContaining([
        { cardinality: 'many-to-one', embedding: 'messages with actors', relationship: 'messages_sender_id_fkey using messages(sender_id) and actors(id)' },
        { cardinality: 'many-to-one', embedding: 'messages with actors', relationship: 'messages_receiver_id_fkey using messages(receiver_id) and actors(id)' },
      ]),
      hint: expect.stringMatching(/^Try changing 'actors' to one of the following: 'actors!messages_(sender|receiver)_id_fkey', 'actors!messages_(sender|receiver)_id_fkey'\. Find the desired relationship in the 'details' key\.$/),
    })
    expect(amb.json.details).toHaveLength(2)
  })

  it('answers an unknown relationship with 400 PGRST200 and a suggestion', async () => {
    const r = await rest(server, '/films?select=*,directorz(*)')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(
      pgrstError(
        'PGRST200',
        "Could not find a relationship between 'films' and 'directorz' in the schema cache",
        "Searched for a foreign key relationship between 'films' and 'directorz' in the schema 'public', but no matches were found.",
        "Perhaps you meant 'directors' instead of 'directorz'.",
      ),
    )
  })

  it('follows self-references: table name = children, FK column = parent', async () => {
    const { data } = await db.from('categories').select('name, parent_id(name), categories(name)').order('id')
    expect(data).toEqual([
      { name: 'Cinéma', parent_id: null, categories: [{ name: 'Drame' }, { name: 'Comédie' }] },
      { name: 'Drame', parent_id: { name: 'Cinéma' }, categories: [] },
      { name: 'Comédie', parent_id: { name: 'Cinéma' }, categories: [] },
    ])
  })

  it('embeds through views and computed relationships', async () => {
    const { data: v } = await db.from('film_view').select('title, directors(last_name)').eq('id', 2)
    expect(v).toEqual([{ title: 'Black Girl', directors: { last_name: 'Sembène' } }])
    const { data: c } = await db.from('films').select('title, film_director(last_name)').in('id', [3, 5]).order('id')
    expect(c).toEqual([
      { title: 'Touki Bouki', film_director: { last_name: 'Diop Mambéty' } },
      { title: 'Untitled', film_director: null },
    ])
  })

  it('applies order, limit and or= inside embeds', async () => {
    const { data } = await db
      .from('directors')
      .select('last_name, films(title, year)')
      .eq('id', 2)
      .order('year', { referencedTable: 'films', ascending: false })
      .limit(1, { referencedTable: 'films' })
    expect(data).toEqual([{ last_name: 'Sembène', films: [{ title: 'Xala', year: 1975 }] }])
    const { data: ors } = await db.from('films').select('id, actors(first_name)').eq('id', 3).or('first_name.eq.Magaye,born.is.null', { referencedTable: 'actors' })
    expect(ors![0].actors.map((a: any) => a.first_name).sort()).toEqual(['Magaye', 'Mareme'])
  })

  it('orders by a to-one embed, refuses to-many (PGRST118) and unknown embeds (PGRST108)', async () => {
    const { data } = await db.from('films').select('id, directors(last_name)').not('director_id', 'is', null).order('directors(last_name)', { ascending: false })
    expect(ids(data)).toEqual([1, 2, 4, 3])
    const many = await rest(server, '/directors?select=id,films(id)&order=films(title)')
    expect(many.status).toBe(400)
    expect(many.json).toEqual(pgrstError('PGRST118', "A related order on 'films' is not possible", "'directors' and 'films' do not form a many-to-one or one-to-one relationship"))
    const notEmbedded = await rest(server, '/films?select=id&actors.first_name=eq.x')
    expect(notEmbedded.status).toBe(400)
    expect(notEmbedded.json).toEqual(pgrstError('PGRST108', "'actors' is not an embedded resource in this request", null, "Verify that 'actors' is included in the 'select' query parameter."))
  })

  it('spreads to-one embeds into the parent and counts children with the legacy count', async () => {
    const { data } = await db.from('films').select('title, ...directors(director:last_name)').eq('id', 2)
    expect(data).toEqual([{ title: 'Black Girl', director: 'Sembène' }])
    const { data: counts } = await db.from('directors').select('last_name, films(count)').order('id')
    expect(counts).toEqual([
      { last_name: 'Varda', films: [{ count: 1 }] },
      { last_name: 'Sembène', films: [{ count: 2 }] },
      { last_name: 'Diop Mambéty', films: [{ count: 1 }] },
    ])
  })

  it('spreads to-many embeds into arrays per column (PostgREST 13+)', async () => {
    const { data } = await db.from('directors').select('last_name, ...films(title, year)').eq('id', 2).order('id', { referencedTable: 'films' })
    expect(data).toEqual([{ last_name: 'Sembène', title: ['Black Girl', 'Xala'], year: [1966, 1975] }])
  })

  it('refuses aggregate functions (db-aggregates-enabled is off on Supabase)', async () => {
    const r = await rest(server, '/films?select=count()')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(pgrstError('PGRST123', 'Use of aggregate functions is not allowed'))
  })
})

describe('filters', () => {
  const q = async (query: string) => {
    const r = await rest(server, `/films?select=id&order=id&${query}`)
    expect(r.status, r.text).toBe(200)
    return ids(r.json)
  }

  it('compares with eq, neq, gt, gte, lt, lte and not.', async () => {
    expect(await q('year=eq.1966')).toEqual([2])
    expect(await q('year=neq.1966')).toEqual([1, 3, 4])
    expect(await q('year=gt.1966')).toEqual([3, 4])
    expect(await q('year=gte.1966')).toEqual([2, 3, 4])
    expect(await q('year=lt.1966')).toEqual([1])
    expect(await q('year=lte.1966')).toEqual([1, 2])
    expect(await q('year=not.eq.1966')).toEqual([1, 3, 4])
  })

  it('matches patterns with like/ilike (* as %), any/all lists, match/imatch', async () => {
    expect(await q('title=like.*Bouki')).toEqual([3])
    expect(await q('title=ilike.*BOUKI*')).toEqual([3])
    expect(await q('title=like(any).{Xala,*Girl}')).toEqual([2, 4])
    expect(await q('title=ilike(all).{*a*,*l*}')).toEqual([2, 4])
    expect(await q('title=match.^T')).toEqual([3])
    expect(await q('title=imatch.^t')).toEqual([3])
    expect(await q('year=eq(any).{1962,1975}')).toEqual([1, 4])
  })

  it('tests null, booleans and distinctness with is / isdistinct', async () => {
    expect(await q('rating=is.null')).toEqual([4, 5])
    expect(await q('rating=not.is.null')).toEqual([1, 2, 3])
    expect(await q('in_color=is.true')).toEqual([3, 4])
    expect(await q('in_color=is.false')).toEqual([1, 2])
    expect(await q('in_color=is.unknown')).toEqual([5])
    expect(await q('rating=isdistinct.8.0')).toEqual([2, 3, 4, 5])
  })

  it('selects lists with in. (quoted values may hold commas)', async () => {
    expect(await q('id=in.(1,3)')).toEqual([1, 3])
    expect(await q('id=not.in.(1,3)')).toEqual([2, 4, 5])
    expect(await q('title=in.("Cléo de 5 à 7","a,b")')).toEqual([1])
    const { data } = await db.from('films').select('id').in('title', ['Xala', 'x,(y)']).order('id')
    expect(ids(data)).toEqual([4])
  })

  it('compares arrays and jsonb with cs, cd, ov', async () => {
    expect(await q('tags=cs.{drama}')).toEqual([1, 2, 3])
    expect(await q('tags=cd.{drama,paris}')).toEqual([1, 2, 5])
    expect(await q('tags=ov.{dakar,satire}')).toEqual([3, 4])
    const { data } = await db.from('films').select('id').contains('metadata', { color: true }).order('id')
    expect(ids(data)).toEqual([3, 4])
    const { data: cd } = await db.from('films').select('id').containedBy('tags', ['satire', 'road']).order('id')
    expect(ids(cd)).toEqual([4, 5])
  })

  it('compares ranges with sl, sr, nxl, nxr, adj, ov', async () => {
    const r = async (query: string) => ids((await rest(server, `/screenings?select=id&order=id&${query}`)).json)
    expect(await r('during=sl.[6,8)')).toEqual([1])
    expect(await r('during=sr.[6,8)')).toEqual([2])
    expect(await r('during=nxl.[6,8)')).toEqual([2])
    expect(await r('during=nxr.[6,8)')).toEqual([1])
    expect(await r('during=adj.[5,10)')).toEqual([1, 2])
    expect(await r('during=ov.[3,12)')).toEqual([1, 2])
  })

  it('searches text with fts, plfts, phfts, wfts (tsvector and text columns)', async () => {
    expect(await q('search=fts(english).paris')).toEqual([1, 3])
    expect(await q('search=plfts(english).young%20lovers')).toEqual([3])
    expect(await q('search=phfts(english).young%20lovers')).toEqual([3])
    expect(await q('search=wfts(english).paris%20-singer')).toEqual([3])
    expect(await q('summary=wfts(english).france')).toEqual([2])
    const { data } = await db.from('films').select('id').textSearch('search', "'dream' & 'paris'", { config: 'english' })
    expect(ids(data)).toEqual([3])
  })

  it('combines filters with or=/and= trees, nested and negated', async () => {
    expect(await q('or=(year.eq.1962,year.gt.1970)')).toEqual([1, 3, 4])
    expect(await q('or=(id.eq.5,and(year.gte.1966,rating.is.null))')).toEqual([4, 5])
    expect(await q('not.or=(year.lt.1970,year.is.null)')).toEqual([3, 4])
    expect(await q('and=(tags.cs.{drama},or(in_color.is.true,year.eq.1966))')).toEqual([2, 3])
    expect(await q('or=(title.eq."Cléo de 5 à 7",tags.cs.{satire})')).toEqual([1, 4])
    const { data } = await db.from('films').select('id').or('year.eq.1962,title.ilike.*xala*').order('id')
    expect(ids(data)).toEqual([1, 4])
  })

  it('filters on JSON paths and with match()', async () => {
    expect(await q('metadata->>color=eq.true')).toEqual([3, 4])
    expect(await q('metadata->runtime=gt.80')).toEqual([1, 3])
    const { data } = await db.from('films').select('id').match({ director_id: 2, year: 1975 })
    expect(ids(data)).toEqual([4])
  })

  it('answers a malformed filter with PGRST100', async () => {
    const r = await rest(server, '/films?id=val')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(pgrstError('PGRST100', '"failed to parse filter (val)" (line 1, column 1)', 'unexpected "v" expecting "not" or operator (eq, gt, ...)'))
    const logic = await rest(server, '/films?or=(id.in.1,2,id.eq.3)')
    expect(logic.status).toBe(400)
    expect(logic.json.message).toBe('"failed to parse logic tree ((id.in.1,2,id.eq.3))" (line 1, column 10)')
  })

  it('reports a value Postgres cannot coerce as its own error', async () => {
    const r = await rest(server, '/films?id=eq.abc')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(pgrstError('22P02', 'invalid input syntax for type bigint: "abc"'))
  })
})

describe('ordering, paging and counts', () => {
  it('orders with direction and null placement', async () => {
    const { data: a } = await db.from('films').select('id').order('rating', { ascending: false, nullsFirst: false })
    expect(ids(a)).toEqual([1, 2, 3, 4, 5])
    const { data: b } = await db.from('films').select('id').order('rating', { ascending: true, nullsFirst: true }).order('id')
    expect(ids(b)).toEqual([4, 5, 3, 2, 1])
    const r = await rest(server, '/films?select=id&order=director_id.desc.nullslast,year.asc')
    expect(ids(r.json)).toEqual([3, 2, 4, 1, 5])
  })

  it('pages with limit/offset (range()) and the Range header', async () => {
    const { data } = await db.from('films').select('id').order('id').range(1, 2)
    expect(ids(data)).toEqual([2, 3])
    const r = await rest(server, '/films?select=id&order=id', { headers: { Range: '2-3', 'Range-Unit': 'items' } })
    expect(r.status).toBe(200)
    expect(ids(r.json)).toEqual([3, 4])
    expect(r.headers.get('content-range')).toBe('2-3/*')
  })

  it('counts exactly, with 206 for a partial page and Content-Range', async () => {
    const r = await rest(server, '/films?select=id&order=id&limit=2', { headers: { Prefer: 'count=exact' } })
    expect(r.status).toBe(206)
    expect(r.headers.get('content-range')).toBe('0-1/5')
    expect(r.headers.get('preference-applied')).toBe('count=exact')
    const { count, data, status } = await db.from('films').select('id', { count: 'exact' }).gt('year', 1965)
    expect([count, data!.length, status]).toEqual([3, 3, 200])
    const head = await db.from('films').select('*', { count: 'exact', head: true })
    expect([head.count, head.data, head.status]).toEqual([5, null, 200])
  })

  it('counts through !inner embeds and embed null filters like the rows they return', async () => {
    const inner = await db.from('films').select('id, actors!inner(id)', { count: 'exact' }).limit(1)
    expect([inner.count, inner.status]).toEqual([3, 206])
    const anti = await rest(server, '/films?select=id,actors(id)&actors=is.null', { headers: { Prefer: 'count=exact' } })
    expect(anti.headers.get('content-range')).toBe('0-1/2')
  })

  it('gives planned and estimated counts', async () => {
    const planned = await db.from('numbers').select('n', { count: 'planned', head: true })
    expect(planned.error).toBeNull()
    expect(typeof planned.count).toBe('number')
    const estimated = await db.from('films').select('id', { count: 'estimated' })
    expect(estimated.count).toBe(5)
  })

  it('answers an empty page with */* or */0, and an offset past the end with 416', async () => {
    const empty = await rest(server, '/films?id=eq.999')
    expect([empty.status, empty.text, empty.headers.get('content-range')]).toEqual([200, '[]', '*/*'])
    const counted = await rest(server, '/films?id=eq.999', { headers: { Prefer: 'count=exact' } })
    expect(counted.headers.get('content-range')).toBe('*/0')
    const past = await rest(server, '/films?offset=10', { headers: { Prefer: 'count=exact' } })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe('*/5')
    expect(past.json).toEqual(pgrstError('PGRST103', 'Requested range not satisfiable', 'An offset of 10 was requested, but there are only 5 rows.'))
    const pastNoCount = await rest(server, '/films?offset=10')
    expect([pastNoCount.status, pastNoCount.text]).toEqual([200, '[]'])
    const negative = await rest(server, '/films?limit=-1')
    expect(negative.status).toBe(416)
    expect(negative.json).toEqual(pgrstError('PGRST103', 'Requested range not satisfiable', 'Limit should be greater than or equal to zero.'))
  })

  it('caps every level at db-max-rows', async () => {
    const top = await rest(server, '/numbers?select=n&order=n', { headers: { Prefer: 'count=exact' } })
    expect(top.status).toBe(206)
    expect(top.json).toHaveLength(20)
    expect(top.headers.get('content-range')).toBe('0-19/30')
    const limited = await rest(server, '/numbers?select=n&limit=50')
    expect(limited.json).toHaveLength(20)
    const nested = await rest(server, '/numbers?select=n,divisors(d)&n=eq.1')
    expect(nested.json[0].divisors).toHaveLength(20)
  })
})

describe('representations and headers', () => {
  it('returns a single object with single(), 406 PGRST116 otherwise', async () => {
    const one = await db.from('films').select('id, title').eq('id', 2).single()
    expect(one).toMatchObject({ data: { id: 2, title: 'Black Girl' }, error: null, status: 200 })
    const none = await db.from('films').select('id').eq('id', 999).single()
    expect(none.status).toBe(406)
    expect(none.error).toEqual(pgrstError('PGRST116', 'Cannot coerce the result to a single JSON object', 'The result contains 0 rows'))
    const many = await rest(server, '/films?select=id', { headers: { Accept: 'application/vnd.pgrst.object+json' } })
    expect(many.status).toBe(406)
    expect(many.json.details).toBe('The result contains 5 rows')
    const raw = await rest(server, '/films?select=id&id=eq.1', { headers: { Accept: 'application/vnd.pgrst.object+json' } })
    expect(raw.text).toBe('{"id":1}')
    expect(raw.headers.get('content-type')).toBe('application/vnd.pgrst.object+json; charset=utf-8')
  })

  it('maybeSingle() gives null for no row', async () => {
    const none = await db.from('films').select('id').eq('id', 999).maybeSingle()
    expect(none).toMatchObject({ data: null, error: null })
    const one = await db.from('films').select('id').eq('id', 4).maybeSingle()
    expect(one.data).toEqual({ id: 4 })
  })

  it('answers CSV with csv()', async () => {
    const { data, error } = await db.from('films').select('id, title, rating').in('id', [1, 4]).order('id').csv()
    expect(error).toBeNull()
    // Rows are Postgres' record text, so values with spaces are quoted exactly as PostgREST's CSV has them.
    expect(data).toBe('id,title,rating\n1,"Cléo de 5 à 7",8.0\n4,Xala,')
    const r = await rest(server, '/films?select=id&id=eq.1', { headers: { Accept: 'text/csv' } })
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
  })

  it('strips nulls with stripNulls()', async () => {
    const { data } = await db.from('films').select('id, rating, year').eq('id', 5).stripNulls()
    expect(data).toEqual([{ id: 5 }])
    const r = await rest(server, '/films?select=id,year&id=eq.5', { headers: { Accept: 'application/vnd.pgrst.array+json;nulls=stripped' } })
    expect(r.headers.get('content-type')).toBe('application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8')
  })

  it('answers HEAD with headers only', async () => {
    const r = await rest(server, '/films?select=id', { method: 'HEAD', headers: { Prefer: 'count=exact' } })
    expect(r.status).toBe(200)
    expect(r.text).toBe('')
    expect(r.headers.get('content-range')).toBe('0-4/5')
  })

  it('sets Content-Type, Content-Location (canonical query) and Content-Profile', async () => {
    const r = await rest(server, '/films?select=id&id=eq.1&order=id')
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(r.headers.get('content-location')).toBe('/films?id=eq.1&order=id&select=id')
    expect(r.headers.get('content-profile')).toBe('public')
  })

  it('refuses unavailable media types (406 PGRST107) and unexposed schemas (406 PGRST106)', async () => {
    const media = await rest(server, '/films', { headers: { Accept: 'text/html' } })
    expect(media.status).toBe(406)
    expect(media.json).toEqual(pgrstError('PGRST107', 'None of these media types are available: text/html'))
    expect(media.headers.get('proxy-status')).toBe('PostgREST; error=PGRST107')
    const browser = await rest(server, '/films?select=id&id=eq.1', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(browser.status).toBe(200)
    const schema = await rest(server, '/films', { headers: { 'Accept-Profile': 'auth' } })
    expect(schema.status).toBe(406)
    expect(schema.json).toEqual(pgrstError('PGRST106', 'Invalid schema: auth', null, 'Only the following schemas are exposed: public, graphql_public'))
    const { error } = await server.client().schema('storage').from('objects').select()
    expect(error).toMatchObject({ code: 'PGRST106' })
  })

  it('answers unknown tables with 404 PGRST205 and a close suggestion', async () => {
    const { error, status } = await db.from('filmss').select()
    expect(status).toBe(404)
    expect(error).toEqual(pgrstError('PGRST205', "Could not find the table 'public.filmss' in the schema cache", null, "Perhaps you meant the table 'public.films'"))
    // Below FuzzySet's 0.75 similarity there is no suggestion.
    const far = await rest(server, '/flims')
    expect(far.json).toEqual(pgrstError('PGRST205', "Could not find the table 'public.flims' in the schema cache"))
  })
})
