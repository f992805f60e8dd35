// The demo seed: the three accounts sign in through /auth/v1, every status
// the screens show exists, and each `documents` row has its file in
// supabase/seed-storage with the declared size.
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedFiles } from '../../supabase/scripts/make-seed-files.ts'
import { ID } from './fixtures.ts'
import { PROJECT_ROOT, startDb, type Db } from './helpers.ts'

let db: Db
beforeAll(async () => {
  db = await startDb()
})
afterAll(() => db?.close())
const rows = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows

describe('demo accounts', () => {
  for (const [email, role, company] of [
    ['admin@nourx.test', 'admin', null],
    ['client@acme.test', 'client', "ACME Côte d'Ivoire"],
    ['client@baobab.test', 'client', 'Baobab Studio'],
  ] as const) {
    it(`${email} signs in with the demo password and carries app_metadata.role = ${role}`, async () => {
      const supabase = createClient(db.server.apiUrl, db.server.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
      const { data, error } = await supabase.auth.signInWithPassword({ email, password: 'demo-nourx-2026' })
      expect(error).toBeNull()
      expect(data.user?.app_metadata.role).toBe(role)
      if (company) {
        const { data: clients } = await supabase.from('clients').select('name')
        expect(clients).toEqual([{ name: company }])
      }
      const wrong = await supabase.auth.signInWithPassword({ email, password: 'mauvais-mot-de-passe' })
      expect(wrong.error).not.toBeNull()
    })
  }
})

describe('the story has every state the screens show', () => {
  it('invoices in every status; ACME owes 1 180 000 F CFA on a sent invoice', async () => {
    const statuses = await rows(`select distinct status::text as s from public.invoices order by 1`)
    expect(statuses.map((r) => r.s)).toEqual(['canceled', 'draft', 'overdue', 'paid', 'sent'])
    const [due] = await rows(`select balance_due from public.invoices where client_id = $1 and status = 'sent'`, [ID.acme])
    expect(due.balance_due).toBe('1180000')
  })

  it('quotes sent and accepted (and declined, expired, draft); prospects at every stage', async () => {
    const quotes = await rows(`select distinct status::text as s from public.quotes order by 1`)
    expect(quotes.map((r) => r.s)).toEqual(['accepted', 'declined', 'draft', 'expired', 'sent'])
    const stages = await rows(`select distinct stage::text as s from public.prospects`)
    expect(stages.map((r) => r.s).sort()).toEqual(['contacte', 'gagne', 'nouveau', 'perdu', 'proposition', 'qualifie'])
  })

  it('ACME has two projects and Baobab one; milestones include a delivered one awaiting approval; about 30 tasks', async () => {
    const projects = await rows(`select client_id, count(*)::int as n from public.projects group by 1 order by 1`)
    expect(projects).toEqual([{ client_id: ID.acme, n: 2 }, { client_id: ID.baobab, n: 1 }])
    const [m] = await rows(`select count(*) filter (where status = 'approved')::int as approved, count(*) filter (where status = 'delivered')::int as delivered from public.milestones`)
    expect(m.approved).toBeGreaterThanOrEqual(2)
    expect(m.delivered).toBe(1)
    const [t] = await rows(`select count(*)::int as n, count(*) filter (where visibility = 'internal')::int as internal from public.tasks`)
    expect(t.n).toBeGreaterThanOrEqual(28)
    expect(t.internal).toBeGreaterThan(0)
    const [c] = await rows(`select (select count(*)::int from public.task_comments) as comments, (select count(*)::int from public.task_checklist_items) as checklist`)
    expect(c.comments).toBeGreaterThan(10)
    expect(c.checklist).toBeGreaterThan(10)
  })

  it('tickets with threads, one internal note; payments with receipts; the settings are filled', async () => {
    const [t] = await rows(`select count(*)::int as n, (select count(*)::int from public.ticket_messages where is_internal) as internal from public.tickets`)
    expect(t.n).toBeGreaterThanOrEqual(3)
    expect(t.internal).toBe(1)
    const [p] = await rows(`select (select count(*)::int from public.payments) as payments, (select count(*)::int from public.receipts) as receipts`)
    expect(p.receipts).toBe(p.payments)
    const [s] = await rows(`select legal_name, ncc, rccm, bank_iban, invoice_footer, manual_payment_instructions from public.settings`)
    for (const value of Object.values(s)) expect(value).toBeTruthy()
    expect(s.ncc).toContain('démo')
    const templates = await rows(`select key from public.email_templates`)
    expect(templates.length).toBeGreaterThanOrEqual(7)
  })
})

describe('documents and their files', () => {
  it('every documents row has its file in supabase/seed-storage, with the declared size, under <client>/<project|general>/<id>-<name>', async () => {
    const docs = await rows(`select id, client_id, project_id, bucket, path, size_bytes from public.documents`)
    expect(docs.length).toBe(9)
    for (const d of docs) {
      const file = path.join(PROJECT_ROOT, 'supabase', 'seed-storage', d.bucket, d.path)
      expect(existsSync(file), d.path).toBe(true)
      expect(statSync(file).size, d.path).toBe(Number(d.size_bytes))
      expect(d.path).toBe(`${d.client_id}/${d.project_id ?? 'general'}/${d.id}-${path.basename(d.path).slice(37)}`)
    }
  })

  it('the generator and the seed agree on the files (run supabase/scripts/make-seed-files.ts after changing either)', async () => {
    const files = seedFiles().map((f) => `${f.bucket}/${f.name}`).sort()
    const docs = (await rows(`select bucket || '/' || path as p from public.documents`)).map((r) => r.p)
    const [logo] = await rows(`select 'branding/' || logo_path as p from public.settings`)
    expect(files).toEqual([...docs, logo.p].sort())
    for (const f of files) expect(existsSync(path.join(PROJECT_ROOT, 'supabase', 'seed-storage', f)), f).toBe(true)
  })
})
