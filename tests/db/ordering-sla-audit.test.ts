// Migration 15: atomic ordering of milestones and kanban cards, SLA re-dating
// of open tickets when the settings change, and no audit entry for a
// sign-in-only update of a profile.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { errorOf, runAs, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

const milestoneOrder = async (c: { query: Db['pool']['query'] } | Db['pool'], projectId: string) =>
  (await c.query(`select id, position from public.milestones where project_id = $1 order by position, id`, [projectId])).rows

describe('reorder_milestones', () => {
  it('the admin saves a new order in one call: position = index', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const before = (await milestoneOrder(c, ID.acmeShop)).map((m) => m.id as string)
      expect(before.length).toBeGreaterThan(2)
      const reversed = before.toReversed()
      const { rows: [r] } = await c.query(`select public.reorder_milestones($1, $2::uuid[]) as moved`, [ID.acmeShop, reversed])
      expect(r.moved).toBeGreaterThan(0)
      expect(await milestoneOrder(c, ID.acmeShop)).toEqual(reversed.map((id, position) => ({ id, position })))
      // Saving the same order again moves nothing.
      const { rows: [again] } = await c.query(`select public.reorder_milestones($1, $2::uuid[]) as moved`, [ID.acmeShop, reversed])
      expect(again.moved).toBe(0)
    })
  })

  it('a partial, duplicated or foreign list is refused and nothing moves (atomic)', async () => {
    const before = await milestoneOrder(db.pool, ID.acmeShop)
    const ids = before.map((m) => m.id as string)
    const partial = await errorOf(db.pool, 'admin', `select public.reorder_milestones($1, $2::uuid[])`, [ID.acmeShop, ids.slice(1)])
    expect([partial.code, partial.message]).toEqual(['22023', 'La liste ne correspond pas aux jalons du projet : rechargez la page.'])
    const dup = await errorOf(db.pool, 'admin', `select public.reorder_milestones($1, $2::uuid[])`, [ID.acmeShop, [ids[0], ...ids.slice(0, -1)]])
    expect(dup.message).toBe('Un jalon apparaît deux fois dans le nouvel ordre.')
    const baobabMilestone = (await db.pool.query(`select id from public.milestones where project_id = $1 limit 1`, [ID.baobabSite])).rows[0].id
    const foreign = await errorOf(db.pool, 'admin', `select public.reorder_milestones($1, $2::uuid[])`, [ID.acmeShop, [baobabMilestone, ...ids.slice(1)]])
    expect(foreign.code).toBe('22023')
    const missing = await errorOf(db.pool, 'admin', `select public.reorder_milestones($1, $2::uuid[])`, [randomUUID(), ids])
    expect([missing.code, missing.message]).toEqual(['P0002', 'Projet introuvable.'])
    expect(await milestoneOrder(db.pool, ID.acmeShop)).toEqual(before)
  })

  it('a client cannot reorder, even their own project; anon cannot call it', async () => {
    const ids = (await milestoneOrder(db.pool, ID.acmeShop)).map((m) => m.id as string).toReversed()
    const client = await errorOf(db.pool, 'acme', `select public.reorder_milestones($1, $2::uuid[])`, [ID.acmeShop, ids])
    expect([client.code, client.message]).toEqual(['42501', "Seul l'administrateur peut réordonner les jalons."])
    const anon = await errorOf(db.pool, 'anon', `select public.reorder_milestones($1, $2::uuid[])`, [ID.acmeShop, ids])
    expect(anon.code).toBe('42501')
  })
})

describe('move_task', () => {
  // A project of its own, committed, so the columns hold known cards.
  const project = randomUUID()
  const task = (n: number) => `${project.slice(0, 24)}${String(n).padStart(12, '0')}`
  beforeAll(async () => {
    await db.pool.query(`insert into public.projects (id, client_id, title, progress_mode) values ($1, $2, 'Kanban test', 'tasks')`, [project, ID.acme])
    // todo: 1, 2, 3, 4 — in_progress: 5, 6
    await db.pool.query(
      `insert into public.tasks (id, project_id, title, status, position, visibility)
       select x.id::uuid, $1, x.title, x.status::public.task_status, x.position, 'client'
         from (values ($2, 'T1', 'todo', 0), ($3, 'T2', 'todo', 1), ($4, 'T3', 'todo', 2), ($5, 'T4', 'todo', 3),
                      ($6, 'T5', 'in_progress', 0), ($7, 'T6', 'in_progress', 1)) as x (id, title, status, position)`,
      [project, task(1), task(2), task(3), task(4), task(5), task(6)],
    )
  })
  const column = async (c: { query: Db['pool']['query'] } | Db['pool'], status: string) =>
    (await c.query(`select title, position from public.tasks where project_id = $1 and status = $2 order by position, id`, [project, status])).rows
      .map((r) => `${r.title}@${r.position}`)

  it('reorders within a column: the card takes the index, the others are renumbered 0..n-1', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const { rows: [moved] } = await c.query(`select status, position from public.move_task($1, 'todo', 0)`, [task(3)])
      expect(moved).toEqual({ status: 'todo', position: 0 })
      expect(await column(c, 'todo')).toEqual(['T3@0', 'T1@1', 'T2@2', 'T4@3'])
      await c.query(`select public.move_task($1, 'todo', 99)`, [task(3)]) // past the end = last
      expect(await column(c, 'todo')).toEqual(['T1@0', 'T2@1', 'T4@2', 'T3@3'])
    })
  })

  it('moves across columns at a precise index, closes the gap, and the status triggers still run', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      await c.query(`select public.move_task($1, 'in_progress', 1)`, [task(2)])
      expect(await column(c, 'todo')).toEqual(['T1@0', 'T3@1', 'T4@2'])
      expect(await column(c, 'in_progress')).toEqual(['T5@0', 'T2@1', 'T6@2'])
      const { rows: [done] } = await c.query(`select completed_at is not null as stamped from public.move_task($1, 'done', 0)`, [task(1)])
      expect(done.stamped).toBe(true)
      const { rows: [p] } = await c.query(`select progress from public.projects where id = $1`, [project])
      expect(p.progress).toBe(17) // 1 of 6 done
      const { rows: audit } = await c.query(
        `select diff from public.audit_logs where entity = 'tasks' and entity_id = $1 and actor_id = $2 order by id desc limit 1`,
        [task(1), ID.userAdmin],
      )
      expect(audit[0].diff.status).toEqual({ old: 'todo', new: 'done' })
    })
  })

  it('refuses clients, bad indexes and unknown tasks', async () => {
    const client = await errorOf(db.pool, 'acme', `select public.move_task($1, 'todo', 0)`, [task(1)])
    expect(client.code).toBe('42501')
    const negative = await errorOf(db.pool, 'admin', `select public.move_task($1, 'todo', -1)`, [task(1)])
    expect([negative.code, negative.message]).toEqual(['22023', 'La place dans la colonne est invalide.'])
    const unknown = await errorOf(db.pool, 'admin', `select public.move_task($1, 'todo', 0)`, [randomUUID()])
    expect(unknown.code).toBe('P0002')
  })

  it('concurrent drops in one project leave both columns numbered without gaps or duplicates', async () => {
    const admin = async (sql: string, params: unknown[]) => {
      const c = await db.pool.connect()
      try {
        await c.query('begin')
        await c.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [
          JSON.stringify({ sub: ID.userAdmin, role: 'authenticated' }),
        ])
        await c.query(sql, params)
        await c.query('commit')
      } finally {
        c.release()
      }
    }
    await Promise.all([
      admin(`select public.move_task($1, 'in_progress', 0)`, [task(1)]),
      admin(`select public.move_task($1, 'todo', 0)`, [task(5)]),
      admin(`select public.move_task($1, 'in_progress', 1)`, [task(4)]),
      admin(`select public.move_task($1, 'todo', 2)`, [task(6)]),
    ])
    for (const status of ['todo', 'in_progress']) {
      const positions = (await column(db.pool, status)).map((s) => Number(s.split('@')[1]))
      expect(positions).toEqual(positions.map((_, i) => i))
    }
    const { rows: [n] } = await db.pool.query(`select count(*)::int as n from public.tasks where project_id = $1`, [project])
    expect(n.n).toBe(6)
  })
})

describe('SLA hours changed in settings', () => {
  it('open tickets are re-dated from their creation, resolved and closed ones keep their deadline', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const before = (await c.query(`select id, status, priority, created_at, sla_due_at from public.tickets order by id`)).rows
      await c.query(`update public.settings set sla_hours_normal = 10, sla_hours_high = 3 where id`)
      const after = new Map((await c.query(`select id, sla_due_at from public.tickets`)).rows.map((r) => [r.id, r.sla_due_at as Date]))
      let redated = 0
      for (const t of before) {
        const open = ['open', 'in_progress', 'waiting_client'].includes(t.status)
        const hours = t.priority === 'normal' ? 10 : t.priority === 'high' ? 3 : null
        if (open && hours !== null) {
          expect(after.get(t.id)!.getTime()).toBe(t.created_at.getTime() + hours * 3600_000)
          redated++
        } else {
          expect(after.get(t.id)).toEqual(t.sla_due_at)
        }
      }
      expect(redated).toBeGreaterThan(0)
      expect(before.some((t) => ['resolved', 'closed'].includes(t.status))).toBe(true)
    })
  })

  it('changing another setting leaves the deadlines alone', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const deadlines = async () => (await c.query(`select id, sla_due_at from public.tickets order by id`)).rows
      await c.query(`update public.tickets set sla_due_at = created_at + interval '1 minute' where id = $1`, [ID.ticket(3)])
      const before = await deadlines()
      await c.query(`update public.settings set invoice_footer = 'Merci' where id`)
      expect(await deadlines()).toEqual(before)
    })
  })
})

describe('audit noise', () => {
  const entries = async (c: { query: Db['pool']['query'] }) =>
    (await c.query(`select count(*)::int as n from public.audit_logs where entity = 'profiles' and entity_id = $1`, [ID.userAcme])).rows[0].n as number

  it('a sign-in (auth.users.last_sign_in_at copied into profiles) writes no audit entry', async () => {
    await withActor(db.pool, 'service', async (c) => {
      const before = await entries(c)
      await c.query(`reset role`)
      await c.query(`update auth.users set last_sign_in_at = now() + interval '1 minute' where id = $1`, [ID.userAcme])
      const { rows: [p] } = await c.query(`select last_sign_in_at > now() as copied from public.profiles where id = $1`, [ID.userAcme])
      expect(p.copied).toBe(true)
      expect(await entries(c)).toBe(before)
    })
  })

  it('a real change is still logged, with the sign-in column in its diff when it changed too', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const before = await entries(c)
      await c.query(`reset role`)
      await c.query(`update public.profiles set full_name = 'Aïcha K.', last_sign_in_at = now() where id = $1`, [ID.userAcme])
      expect(await entries(c)).toBe(before + 1)
      const { rows: [last] } = await c.query(
        `select diff from public.audit_logs where entity = 'profiles' and entity_id = $1 order by id desc limit 1`,
        [ID.userAcme],
      )
      expect(Object.keys(last.diff).toSorted()).toEqual(['full_name', 'last_sign_in_at'])
    })
  })

  it('an update that only bumps updated_at is still skipped, as before', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const count = async () =>
        (await c.query(`select count(*)::int as n from public.audit_logs where entity = 'tasks' and entity_id = $1`, [ID.task(1)])).rows[0].n
      const before = await count()
      await c.query(`update public.tasks set title = title where id = $1`, [ID.task(1)])
      expect(await count()).toBe(before)
      await c.query(`update public.tasks set title = 'Renommée' where id = $1`, [ID.task(1)])
      expect(await count()).toBe(before + 1)
    })
  })
})
