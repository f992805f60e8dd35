// Overdue-invoice reminders in workerd against the local stack:
// - the Worker's `scheduled` handler (the daily cron), driven like the
//   runtime does with a ScheduledController, the mails read back from the
//   local mail catcher;
// - the admin's "Relancer le client" through the real invoice route action.
//
// Every test works on its own company, members and invoices, so the expected
// mails are exact. The cron is run for "today" and for days ahead
// (scheduledTime), which is how the 7-day spacing is observed without waiting;
// it also reminds other files' overdue invoices on the shared stack, which is
// what it is for — nothing here counts rows it did not create.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { formatDay, formatXOF } from '~/lib/format.ts'
import { loader as invoiceLoader, action as invoiceAction } from '~/routes/admin.factures-devis.factures.$id.tsx'
import { createScheduledHandler, INVOICE_REMINDERS_CRON } from '../../workers/jobs/invoice-reminders.ts'
import entry from './support/entry.ts'
import { ADMIN, APP, auditFor, callAction, callLoader, IDS, mailsTo, PASSWORD, serviceClient, unique } from './admin-support.ts'

const bindings = env as unknown as Env
const DAY = 24 * 60 * 60 * 1000
/** Nothing listens there: connection refused at once. */
const DEAD_EMAIL_API = 'http://127.0.0.1:9'

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10)

/** Runs the Worker's scheduled handler as the runtime would, `daysAhead` days from now. */
async function runCron({ daysAhead = 0, cron = INVOICE_REMINDERS_CRON, overrides = {} as Partial<Env> } = {}) {
  const controller = createScheduledController({ scheduledTime: Date.now() + daysAhead * DAY, cron })
  const ctx = createExecutionContext()
  await entry.scheduled(controller, { ...bindings, ...overrides } as Env, ctx)
  await waitOnExecutionContext(ctx)
}

/** A company of its own with members (demo password). */
async function company(memberNames: string[]) {
  const admin = serviceClient()
  const name = unique('Société Relance')
  const { data: client, error } = await admin.from('clients').insert({ name, country: 'CI' }).select('id').single()
  if (error) throw error
  const members: { id: string; email: string }[] = []
  for (const full_name of memberNames) {
    const email = `${unique('relance')}@workers.test`
    const created = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name } })
    if (created.error) throw created.error
    const link = await admin.from('client_members').insert({ client_id: client.id, user_id: created.data.user.id, role: 'member' })
    if (link.error) throw link.error
    members.push({ id: created.data.user.id, email })
  }
  return { id: client.id as string, name, members }
}

type State = 'sent' | 'partly-paid' | 'paid' | 'canceled'

/** An issued invoice of 100 000 HT + 18 % (118 000 TTC), due `dueInDays` from today. */
async function invoice(clientId: string, { dueInDays, state = 'sent' }: { dueInDays: number; state?: State }) {
  const admin = serviceClient()
  const { data, error } = await admin
    .from('invoices')
    .insert({ client_id: clientId, title: 'Maintenance', vat_rate: 18, issue_date: isoDay(-40), due_date: isoDay(dueInDays) })
    .select('id')
    .single()
  if (error) throw error
  const items = await admin.from('invoice_items').insert({ invoice_id: data.id, position: 0, label: 'Forfait', quantity: 1, unit_price: 100000 })
  if (items.error) throw items.error
  const status = await admin.from('invoices').update({ status: state === 'canceled' ? 'canceled' : 'sent' }).eq('id', data.id)
  if (status.error) throw status.error
  if (state === 'paid' || state === 'partly-paid') {
    const paid = await admin.rpc('record_manual_payment', {
      p_invoice_id: data.id,
      p_amount: state === 'paid' ? 118000 : 18000,
      p_method: 'transfer',
      p_reference: 'VIR-RELANCE',
    })
    if (paid.error) throw paid.error
  }
  const { data: row, error: readError } = await admin
    .from('invoices')
    .select('id, number, total_ttc, balance_due, due_date, last_reminder_at')
    .eq('id', data.id)
    .single()
  if (readError) throw readError
  return row as { id: string; number: string; total_ttc: number; balance_due: number; due_date: string; last_reminder_at: string | null }
}

async function remindersOf(invoiceId: string) {
  const { data, error } = await serviceClient()
    .from('invoice_reminders')
    .select('id, automatic, sent_by, recipients')
    .eq('invoice_id', invoiceId)
    .order('sent_at')
  if (error) throw error
  return data ?? []
}

async function optOut(userId: string) {
  const { error } = await serviceClient()
    .from('notification_preferences')
    .upsert({ user_id: userId, event: 'invoice_reminder', email: false, whatsapp: false })
  if (error) throw error
}

/* ------------------------------------------------------------------------ */

describe('daily cron (scheduled)', () => {
  it('reminds the members of an overdue, partly paid invoice with its amounts, except who switched it off', async () => {
    const c = await company(['Awa Traoré', 'Kofi Mensah'])
    await optOut(c.members[1].id)
    const inv = await invoice(c.id, { dueInDays: -1, state: 'partly-paid' })
    expect(inv.balance_due).toBe(100000)

    await runCron()

    const [mail, ...more] = await mailsTo(c.members[0].email)
    expect(more).toEqual([])
    expect(mail.subject).toBe(`Rappel : facture ${inv.number} échue le ${formatDay(inv.due_date)}`)
    expect(mail.text).toContain('Bonjour Awa,')
    expect(mail.text).toContain(`la facture ${inv.number} (${formatXOF(118000)}) arrivée à échéance le ${formatDay(inv.due_date)}`)
    expect(mail.text).toContain(`Solde dû : ${formatXOF(100000)}.`)
    expect(mail.text).toContain(`${APP}/factures-devis/${inv.id}`)
    expect(mail.html).toContain(`<a href="${APP}/factures-devis/${inv.id}"`)
    expect(await mailsTo(c.members[1].email)).toEqual([])

    expect(await remindersOf(inv.id)).toEqual([expect.objectContaining({ automatic: true, sent_by: null, recipients: 1 })])
    const { data } = await serviceClient().from('invoices').select('status, last_reminder_at').eq('id', inv.id).single()
    expect(data?.last_reminder_at).not.toBeNull()
    // The same run moved it from "envoyée" to "en retard" (mark_overdue_invoices).
    expect(data?.status).toBe('overdue')
  })

  it('sends nothing twice: same day, then again only 7 days later', async () => {
    const c = await company(['Awa Traoré'])
    const inv = await invoice(c.id, { dueInDays: -3 })
    await runCron()
    await runCron()
    expect(await mailsTo(c.members[0].email)).toHaveLength(1)
    await runCron({ daysAhead: 6 })
    expect(await mailsTo(c.members[0].email)).toHaveLength(1)
    // A week later (the reminder is aged: the database clock cannot be moved).
    const aged = await serviceClient()
      .from('invoice_reminders')
      .update({ sent_at: new Date(Date.now() - 7 * DAY).toISOString() })
      .eq('invoice_id', inv.id)
    if (aged.error) throw aged.error
    await runCron()
    await runCron()
    expect(await mailsTo(c.members[0].email)).toHaveLength(2)
    expect((await remindersOf(inv.id)).map((r) => r.automatic)).toEqual([true, true])
  })

  it('skips paid, canceled and not yet due invoices; the first reminder goes the day after the due date', async () => {
    const c = await company(['Awa Traoré'])
    const paid = await invoice(c.id, { dueInDays: -10, state: 'paid' })
    const canceled = await invoice(c.id, { dueInDays: -10, state: 'canceled' })
    const dueToday = await invoice(c.id, { dueInDays: 0 })
    await runCron()
    expect(await mailsTo(c.members[0].email)).toEqual([])
    for (const inv of [paid, canceled, dueToday]) expect(await remindersOf(inv.id)).toEqual([])
    const { data: notYet } = await serviceClient().from('invoices').select('status').eq('id', dueToday.id).single()
    expect(notYet?.status).toBe('sent')

    await runCron({ daysAhead: 1 })
    const mails = await mailsTo(c.members[0].email)
    expect(mails.map((m) => m.subject)).toEqual([`Rappel : facture ${dueToday.number} échue le ${formatDay(dueToday.due_date)}`])
    for (const inv of [paid, canceled]) expect(await remindersOf(inv.id)).toEqual([])
  })

  it('keeps the reminder with 0 recipients when everyone switched it off (not retried for 7 days)', async () => {
    const c = await company(['Awa Traoré'])
    await optOut(c.members[0].id)
    const inv = await invoice(c.id, { dueInDays: -2 })
    await runCron()
    expect(await mailsTo(c.members[0].email)).toEqual([])
    expect(await remindersOf(inv.id)).toEqual([expect.objectContaining({ automatic: true, recipients: 0 })])
  })

  it('a failing e-mail API drops the claim, so the next run sends it', async () => {
    const c = await company(['Awa Traoré'])
    const inv = await invoice(c.id, { dueInDays: -2 })
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await runCron({ overrides: { EMAIL_API_URL: DEAD_EMAIL_API } as Partial<Env> })
    } finally {
      log.mockRestore()
    }
    expect(await remindersOf(inv.id)).toEqual([])
    const { data } = await serviceClient().from('invoices').select('last_reminder_at').eq('id', inv.id).single()
    expect(data?.last_reminder_at).toBeNull()

    await runCron()
    expect(await mailsTo(c.members[0].email)).toHaveLength(1)
    expect(await remindersOf(inv.id)).toEqual([expect.objectContaining({ recipients: 1 })])
  })

  it('ignores an unknown cron expression, and refuses to run with a broken configuration', async () => {
    const c = await company(['Awa Traoré'])
    const inv = await invoice(c.id, { dueInDays: -2 })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await runCron({ cron: '*/5 * * * *' })
    } finally {
      warn.mockRestore()
    }
    expect(await remindersOf(inv.id)).toEqual([])
    const handler = createScheduledHandler()
    const controller = createScheduledController({ scheduledTime: Date.now(), cron: INVOICE_REMINDERS_CRON })
    await expect(handler(controller, { ...bindings, SUPABASE_SERVICE_ROLE_KEY: '' } as Env, createExecutionContext())).rejects.toThrow(
      /configuration invalide : SUPABASE_SERVICE_ROLE_KEY/,
    )
    expect(await remindersOf(inv.id)).toEqual([])
  })
})

describe('"Relancer le client" (admin invoice page)', () => {
  const page = (id: string) => ({ path: `/admin/factures-devis/factures/${id}`, params: { id } })

  it('sends the reminder now, records who sent it (audited) and shows it on the page; the cron then waits 7 days', async () => {
    const c = await company(['Awa Traoré', 'Kofi Mensah'])
    await optOut(c.members[1].id)
    const inv = await invoice(c.id, { dueInDays: -5 })

    const before = await callLoader(invoiceLoader, { as: ADMIN, ...page(inv.id) })
    expect(before.data.reminders).toEqual([])

    const res = await callAction(invoiceAction, { as: ADMIN, ...page(inv.id), form: { intent: 'remind' } })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/admin/factures-devis/factures/${inv.id}`)

    const [mail, ...more] = await mailsTo(c.members[0].email)
    expect(more).toEqual([])
    expect(mail.subject).toBe(`Rappel : facture ${inv.number} échue le ${formatDay(inv.due_date)}`)
    expect(await mailsTo(c.members[1].email)).toEqual([])

    const [reminder, ...others] = await remindersOf(inv.id)
    expect(others).toEqual([])
    expect(reminder).toMatchObject({ automatic: false, sent_by: IDS.admin, recipients: 1 })
    const audit = await auditFor('invoice_reminders', reminder.id)
    expect(audit.map((a) => [a.action, a.actor_id, a.actor_role])).toEqual([
      ['insert', IDS.admin, 'admin'],
      ['update', IDS.admin, 'admin'],
    ])

    const after = await callLoader(invoiceLoader, { as: ADMIN, ...page(inv.id) })
    expect(after.data.reminders).toEqual([expect.objectContaining({ automatic: false, recipients: 1, sent_by_name: expect.any(String) })])
    expect(after.data.reminders[0].sent_by_name).not.toBe('un administrateur')

    // The manual reminder holds the automatic one back.
    await runCron()
    expect(await mailsTo(c.members[0].email)).toHaveLength(1)
  })

  it('refuses, in French, an invoice that is not overdue yet, and a paid one', async () => {
    const c = await company(['Awa Traoré'])
    const notDue = await invoice(c.id, { dueInDays: 0 })
    const res = await callAction(invoiceAction, { as: ADMIN, ...page(notDue.id), form: { intent: 'remind' } })
    expect(res.status).toBe(400)
    expect(res.data.formError).toMatch(/^La facture n'est pas encore échue \(échéance le \d{2}\/\d{2}\/\d{4}\) : la relance n'est possible qu'à partir du lendemain\.$/)

    const paid = await invoice(c.id, { dueInDays: -5, state: 'paid' })
    const refused = await callAction(invoiceAction, { as: ADMIN, ...page(paid.id), form: { intent: 'remind' } })
    expect(refused.status).toBe(400)
    expect(refused.data.formError).toBe('Seule une facture émise et non réglée peut être relancée : celle-ci est « payée ».')

    expect(await mailsTo(c.members[0].email)).toEqual([])
    expect(await remindersOf(notDue.id)).toEqual([])
    expect(await remindersOf(paid.id)).toEqual([])
  })

  it('is forbidden for a client, even on their own company’s overdue invoice', async () => {
    const c = await company(['Awa Traoré'])
    const inv = await invoice(c.id, { dueInDays: -5 })
    const res = await callAction(invoiceAction, { as: c.members[0].email, ...page(inv.id), form: { intent: 'remind' } })
    expect(res.status).toBe(403)
    expect(await remindersOf(inv.id)).toEqual([])
  })
})
