// The RLS matrix in SQL: every table × {anon, ACME member, Baobab member,
// admin, service role} × {select, insert, update, delete}, each case in its
// own rolled-back transaction after `set local role` + JWT claims — exactly
// what PostgREST does per request. Expected outcomes: EXPECTED in matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { ACTORS, runAs, startDb, type Db } from './helpers.ts'
import { expectations, keySql, MATRIX_FIXTURES, OPS, TABLES } from './matrix.ts'
import { referenceSets, sqlOutcome } from './matrix-runner.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
  for (const s of MATRIX_FIXTURES) await db.pool.query(s)
})
afterAll(() => db?.close())

describe('RLS matrix (SQL, role switching)', () => {
  const expected = expectations()

  it('covers every table of the public schema, and only those', async () => {
    const { rows } = await db.pool.query(
      `select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`,
    )
    expect(TABLES.map((t) => t.table).sort()).toEqual(rows.map((r) => r.relname))
    expect([...expected.keys()].sort()).toEqual(rows.map((r) => r.relname))
  })

  for (const spec of TABLES) {
    it(spec.table, async () => {
      const ref = await referenceSets(db.pool, spec, ID.acme)
      // A matrix over an empty table proves nothing.
      expect(ref.all.size, `${spec.table}: no ACME row to test against`).toBeGreaterThan(0)
      if (spec.visible) {
        expect(ref.visible.size, `${spec.table}: the seed needs hidden rows`).toBeLessThan(ref.all.size)
      }
      const actual: string[] = []
      const wanted: string[] = []
      for (const actor of ACTORS) {
        const row = [spec.table, actor]
        for (const op of OPS) row.push(await sqlOutcome(db.pool, spec, actor, op, ref))
        actual.push(row.join(' '))
        const e = expected.get(spec.table)!.get(actor)!
        wanted.push([spec.table, actor, e.select, e.insert, e.update, e.delete].join(' '))
      }
      expect(actual).toEqual(wanted)
    })
  }
})

describe('no row crosses companies; internal rows stay internal', () => {
  for (const spec of TABLES.filter((t) => t.perCompany)) {
    it(spec.table, async () => {
      for (const [actor, other] of [['acme', ID.baobab], ['baobab', ID.acme]] as const) {
        const foreign = await referenceSets(db.pool, spec, other)
        const r = await runAs(db.pool, actor, `select ${keySql(spec)} as k from public.${spec.table}`)
        if (!r.ok) {
          expect(r.code).toBe('42501')
          continue
        }
        const leaked = r.rows.map((x) => x.k).filter((k) => foreign.all.has(k))
        expect(leaked, `${actor} reads ${spec.table} rows of the other company`).toEqual([])
      }
      const own = await referenceSets(db.pool, spec, ID.acme)
      const hidden = [...own.all].filter((k) => !own.visible.has(k))
      const r = await runAs(db.pool, 'acme', `select ${keySql(spec)} as k from public.${spec.table}`)
      if (r.ok) expect(r.rows.map((x) => x.k).filter((k) => hidden.includes(k))).toEqual([])
    })
  }
})
