// Overdue-invoice reminders (migration 20261124001700): which invoices the
// daily cron claims (public.claim_invoice_reminders), the 7-day spacing and
// the once-a-day idempotency, the French refusals of a reminder by hand, the
// invoices.last_reminder_at bookkeeping, RLS and grants.
// Every case runs in a transaction that is rolled back (now() is fixed inside
// it, so "today" is current_date and the cron's day is moved with p_today).
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ID } from './fixtures.ts'
import { errorOf, runAs, setSession, startDb, withActor, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())

type Kind = 'overdue' | 'due-today' | 'partly-paid' | 'paid' | 'canceled' | 'draft'

/**
 * An ACME invoice of 100 000 HT (118 000 TTC) in the given state, created as
 * superuser through the real triggers (numbering, status machine, payments).
 * Leaves the connection as superuser with the service role's claims.
 */
async function invoice(c: pg.PoolClient, kind: Kind): Promise<string> {
  await c.query('reset role')
  await c.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`)
  const due = kind === 'due-today' ? 'current_date' : 'current_date - 1'
  const { rows: [{ id }] } = await c.query(
    `insert into public.invoices (client_id, title, issue_date, due_date, vat_rate)
     values ($1, 'Relance ${kind}', current_date - 30, ${due}, 18) returning id`,
    [ID.acme],
  )
  await c.query(`insert into public.invoice_items (invoice_id, position, label, quantity, unit_price) values ($1, 1, 'Prestation', 1, 100000)`, [id])
  if (kind === 'draft') return id
  if (kind === 'canceled') {
    await c.query(`update public.invoices set status = 'canceled' where id = $1`, [id])
    return id
  }
  await c.query(`update public.invoices set status = 'sent' where id = $1`, [id])
  if (kind === 'paid' || kind === 'partly-paid') {
    await c.query(`select public.record_manual_payment($1, $2, 'transfer', 'VIR-TEST')`, [id, kind === 'paid' ? 118000 : 18000])
  }
  return id
}

/** The invoices among `ids` that the cron claims for `day` (an offset from today), as the service role. */
async function claim(c: pg.PoolClient, ids: string[], dayOffset = 0): Promise<string[]> {
  await setSession(c, 'service')
  const { rows } = await c.query(
    `select invoice_id from public.claim_invoice_reminders(current_date + $1::int) where invoice_id = any($2::uuid[])`,
    [dayOffset, ids],
  )
  await c.query('reset role')
  return rows.map((r) => r.invoice_id as string).sort()
}

describe('claim_invoice_reminders', () => {
  it('claims issued invoices past due with a balance — partly paid included — and skips the others', async () => {
    await withActor(db.pool, 'service', async (c) => {
      const ids = {} as Record<Kind, string>
      for (const kind of ['overdue', 'due-today', 'partly-paid', 'paid', 'canceled', 'draft'] as Kind[]) ids[kind] = await invoice(c, kind)
      expect(await claim(c, Object.values(ids))).toEqual([ids.overdue, ids['partly-paid']].sort())

      const rows = (await c.query(
        `select invoice_id, automatic, sent_by, recipients, sent_at = now() as now from public.invoice_reminders where invoice_id = any($1::uuid[])`,
        [Object.values(ids)],
      )).rows
      expect(rows).toHaveLength(2)
      expect(rows.every((r) => r.automatic && r.sent_by === null && r.recipients === 0 && r.now)).toBe(true)
      // The invoice page of the client reads the latest reminder on the invoice itself.
      const stamped = (await c.query(`select last_reminder_at = now() as ok from public.invoices where id = $1`, [ids.overdue])).rows[0]
      expect(stamped.ok).toBe(true)

      // The invoice due today becomes due tomorrow: the first reminder is the day after the due date.
      expect(await claim(c, [ids['due-today']], 1)).toEqual([ids['due-today']])
    })
  })

  it('runs twice the same day without claiming twice, then waits 7 days', async () => {
    await withActor(db.pool, 'service', async (c) => {
      const id = await invoice(c, 'overdue')
      expect(await claim(c, [id])).toEqual([id])
      expect(await claim(c, [id])).toEqual([])
      for (const day of [1, 3, 6]) expect(await claim(c, [id], day)).toEqual([])
      // now() is frozen in the transaction: age the reminder instead of waiting.
      const age = (days: number) =>
        c.query(`update public.invoice_reminders set sent_at = now() - make_interval(days => $2) where invoice_id = $1`, [id, days])
      await age(6)
      expect(await claim(c, [id])).toEqual([])
      await age(7)
      expect(await claim(c, [id])).toEqual([id])
      expect((await c.query(`select count(*)::int as n from public.invoice_reminders where invoice_id = $1`, [id])).rows[0].n).toBe(2)
    })
  })

  it('a reminder sent by hand also holds the automatic one back for 7 days', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const id = await invoice(c, 'overdue')
      await setSession(c, 'admin')
      const { rows: [manual] } = await c.query(`insert into public.invoice_reminders (invoice_id) values ($1) returning automatic, sent_by`, [id])
      expect(manual).toEqual({ automatic: false, sent_by: ID.userAdmin })
      expect(await claim(c, [id])).toEqual([])
      expect(await claim(c, [id], 7)).toEqual([id])
    })
  })

  it('one automatic reminder per invoice and per day, whatever the snapshot saw (unique index)', async () => {
    await withActor(db.pool, 'service', async (c) => {
      const id = await invoice(c, 'overdue')
      await setSession(c, 'service')
      await c.query(`insert into public.invoice_reminders (invoice_id) values ($1)`, [id])
      const e = await c.query(`insert into public.invoice_reminders (invoice_id) values ($1)`, [id]).catch((error) => error)
      expect(e.code).toBe('23505')
    })
  })

  it('deleting a failed claim puts last_reminder_at back to the previous reminder', async () => {
    await withActor(db.pool, 'service', async (c) => {
      const id = await invoice(c, 'overdue')
      await c.query(`insert into public.invoice_reminders (invoice_id) values ($1)`, [id])
      await c.query(`update public.invoice_reminders set sent_at = now() - interval '10 days' where invoice_id = $1`, [id])
      const [claimed] = await claim(c, [id])
      expect(claimed).toBe(id)
      await c.query(`delete from public.invoice_reminders where invoice_id = $1 and sent_at = now()`, [id])
      const { rows: [row] } = await c.query(`select last_reminder_at = now() - interval '10 days' as back from public.invoices where id = $1`, [id])
      expect(row.back).toBe(true)
    })
  })

  it('only the service role may run it', async () => {
    for (const actor of ['admin', 'acme', 'anon'] as const) {
      const e = await errorOf(db.pool, actor, `select * from public.claim_invoice_reminders()`)
      expect(e.code).toBe('42501')
    }
  })
})

describe('reminders by hand and RLS', () => {
  it('refuses, in French, an invoice that is not overdue, settled, canceled or a draft', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const ids = {} as Record<Kind, string>
      for (const kind of ['due-today', 'paid', 'canceled', 'draft'] as Kind[]) ids[kind] = await invoice(c, kind)
      await setSession(c, 'admin')
      const refusal = async (id: string) => {
        await c.query('savepoint s')
        const e = await c.query(`insert into public.invoice_reminders (invoice_id) values ($1)`, [id]).catch((error) => error)
        await c.query('rollback to savepoint s')
        return e.message as string
      }
      expect(await refusal(ids['due-today'])).toMatch(/^La facture n'est pas encore échue \(échéance le \d{2}\/\d{2}\/\d{4}\) : la relance n'est possible qu'à partir du lendemain\.$/)
      expect(await refusal(ids.paid)).toBe('Seule une facture émise et non réglée peut être relancée : celle-ci est « payée ».')
      expect(await refusal(ids.canceled)).toBe('Seule une facture émise et non réglée peut être relancée : celle-ci est « annulée ».')
      expect(await refusal(ids.draft)).toBe('Seule une facture émise et non réglée peut être relancée : celle-ci est « brouillon ».')
    })
  })

  it('the company reads its reminders, another company does not, a client cannot send one', async () => {
    const setup = [
      `insert into public.invoice_reminders (id, invoice_id) values ('c0000000-0000-4000-8000-00000000f001', '${ID.invoice(7)}')`,
    ]
    const mine = await runAs(db.pool, 'baobab', `select id, automatic from public.invoice_reminders where invoice_id = $1`, [ID.invoice(7)], setup)
    expect(mine).toMatchObject({ ok: true, rowCount: 1 })
    const other = await runAs(db.pool, 'acme', `select id from public.invoice_reminders where invoice_id = $1`, [ID.invoice(7)], setup)
    expect(other).toMatchObject({ ok: true, rowCount: 0 })
    const insert = await errorOf(db.pool, 'baobab', `insert into public.invoice_reminders (invoice_id) values ($1)`, [ID.invoice(7)])
    expect(insert.code).toBe('42501')
    // The admin records how many people got it, and nothing else.
    const when = await errorOf(db.pool, 'admin', `update public.invoice_reminders set sent_at = now() - interval '30 days'`, [], setup)
    expect(when.code).toBe('42501')
    const count = await runAs(db.pool, 'admin', `update public.invoice_reminders set recipients = 2 where invoice_id = $1`, [ID.invoice(7)], setup)
    expect(count).toMatchObject({ ok: true, rowCount: 1 })
    const del = await errorOf(db.pool, 'admin', `delete from public.invoice_reminders`, [], setup)
    expect(del.code).toBe('42501')
  })

  it('is audited with its actor', async () => {
    await withActor(db.pool, 'admin', async (c) => {
      const id = await invoice(c, 'overdue')
      await setSession(c, 'admin')
      const { rows: [r] } = await c.query(`insert into public.invoice_reminders (invoice_id) values ($1) returning id`, [id])
      await c.query('reset role')
      const { rows } = await c.query(`select actor_id, actor_role, action, client_id from public.audit_logs where entity = 'invoice_reminders' and entity_id = $1`, [r.id])
      expect(rows).toEqual([{ actor_id: ID.userAdmin, actor_role: 'admin', action: 'insert', client_id: ID.acme }])
    })
  })
})
