// The same RLS matrix through /rest/v1 with supabase-js: what the app's
// loaders and actions actually send. Each actor has a client (anon key,
// a user access token, or the service role key); expected outcomes are the
// EXPECTED table of matrix.ts, identical to the SQL half.
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { ACTORS, clientFor, startDb, type Actor, type Db } from './helpers.ts'
import { expectations, MATRIX_FIXTURES, OPS, TABLES } from './matrix.ts'
import { referenceSets, restOutcome } from './matrix-runner.ts'

let db: Db
const clients = {} as Record<Actor, SupabaseClient<any, any, any>>
beforeAll(async () => {
  db = await startDb()
  for (const s of MATRIX_FIXTURES) await db.pool.query(s)
  for (const actor of ACTORS) clients[actor] = await clientFor(db.server, actor)
})
afterAll(() => db?.close())

describe('RLS matrix (/rest/v1, supabase-js)', () => {
  const expected = expectations()
  for (const spec of TABLES) {
    it(spec.table, async () => {
      const actual: string[] = []
      const wanted: string[] = []
      for (const actor of ACTORS) {
        const row = [spec.table, actor]
        for (const op of OPS) {
          // Reference sets are re-read each time: earlier REST writes committed.
          const ref = await referenceSets(db.pool, spec, ID.acme)
          row.push(await restOutcome(db.pool, clients[actor], spec, op, ref))
        }
        actual.push(row.join(' '))
        const e = expected.get(spec.table)!.get(actor)!
        wanted.push([spec.table, actor, e.select, e.insert, e.update, e.delete].join(' '))
      }
      expect(actual).toEqual(wanted)
    })
  }
})

describe('over /rest/v1 too, no row crosses companies', () => {
  for (const spec of TABLES.filter((t) => t.perCompany)) {
    it(spec.table, async () => {
      for (const [actor, other] of [['acme', ID.baobab], ['baobab', ID.acme]] as const) {
        const foreign = await referenceSets(db.pool, spec, other)
        const { data, error } = await clients[actor].from(spec.table).select(spec.key.join(',')).range(0, 999)
        if (error) {
          expect(error.code).toBe('42501')
          continue
        }
        const keys = (data ?? []).map((row: any) => spec.key.map((k) => String(row[k])).join('/'))
        expect(keys.filter((k) => foreign.all.has(k)), `${actor} reads ${spec.table} rows of the other company`).toEqual([])
      }
    })
  }
})
