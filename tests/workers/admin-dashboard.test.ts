// /admin (dashboard) and /admin/journal loaders in workerd against the local
// stack: KPIs computed by admin_kpis(), the "à traiter" lists, the audit log
// filters — and both refused to a client.
import { describe, expect, it } from 'vitest'
import { loader as dashboardLoader } from '~/routes/admin._index.tsx'
import { loader as invoiceLoader } from '~/routes/admin.factures-devis.factures.$id.tsx'
import { loader as journalLoader } from '~/routes/admin.journal.tsx'
import { loader as attemptLoader } from '~/routes/admin.paiements.$id.tsx'
import { loader as ticketLoader } from '~/routes/admin.reclamations.$id.tsx'
import { ACME, ADMIN, callLoader, IDS } from './admin-support.ts'

describe('dashboard', () => {
  it('returns the KPIs of admin_kpis() and the lists to handle', async () => {
    const { status, data } = await callLoader(dashboardLoader, { as: ADMIN, path: '/admin' })
    expect(status).toBe(200)
    expect(data.kpis.revenue_by_month).toHaveLength(12)
    expect(data.kpis.active_clients.total).toBeGreaterThanOrEqual(2)
    // Seed: Baobab's invoice 7 is overdue, attempt 4 is flagged.
    expect(data.overdueInvoices.map((i: { client: string }) => i.client)).toContain('Baobab Studio')
    expect(data.kpis.overdue.count).toBeGreaterThanOrEqual(data.overdueInvoices.length > 0 ? 1 : 0)
    expect(data.paymentsToReview.some((p: { status: string }) => p.status === 'flagged')).toBe(true)
    for (const t of data.lateTickets) expect(Date.parse(t.sla_due_at)).toBeLessThan(Date.now())
  })

  it('"à traiter" items carry the ids their detail pages open (the links go to /admin/<section>/<id>)', async () => {
    const { data } = await callLoader(dashboardLoader, { as: ADMIN, path: '/admin' })
    const invoice = data.overdueInvoices[0]
    const attempt = data.paymentsToReview[0]
    expect(invoice && attempt).toBeTruthy()
    expect((await callLoader(invoiceLoader, { as: ADMIN, path: `/admin/factures-devis/factures/${invoice.id}`, params: { id: invoice.id } })).status).toBe(200)
    expect((await callLoader(attemptLoader, { as: ADMIN, path: `/admin/paiements/${attempt.id}`, params: { id: attempt.id } })).status).toBe(200)
    for (const t of data.lateTickets.slice(0, 1)) {
      expect((await callLoader(ticketLoader, { as: ADMIN, path: `/admin/reclamations/${t.id}`, params: { id: t.id } })).status).toBe(200)
    }
    expect(Array.isArray(data.deletionRequests)).toBe(true)
  })

  it('refuses a client', async () => {
    expect((await callLoader(dashboardLoader, { as: ACME, path: '/admin' })).status).toBe(403)
  })
})

describe('audit journal', () => {
  it('filters by element, action and company, newest first, with author names', async () => {
    const { status, data } = await callLoader(journalLoader, { as: ADMIN, path: `/admin/journal?entite=clients&action=insert&client=${IDS.acme}` })
    expect(status).toBe(200)
    expect(data.entries.length).toBeGreaterThan(0)
    for (const e of data.entries) expect(e).toMatchObject({ entity: 'clients', action: 'insert', client_id: IDS.acme, client_name: 'ACME Côte d\'Ivoire' })
    const all = await callLoader(journalLoader, { as: ADMIN, path: '/admin/journal' })
    const times = all.data.entries.map((e: { occurred_at: string }) => Date.parse(e.occurred_at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(all.data.options.actors.length).toBeGreaterThan(0)
  })

  it('ignores malformed filters instead of failing', async () => {
    const res = await callLoader(journalLoader, { as: ADMIN, path: '/admin/journal?acteur=nope&du=hier&action=drop' })
    expect(res.status).toBe(200)
  })

  it('refuses a client', async () => {
    expect((await callLoader(journalLoader, { as: ACME, path: '/admin/journal' })).status).toBe(403)
  })
})
