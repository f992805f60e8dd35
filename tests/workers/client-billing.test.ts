// Factures & devis loaders, the quote answer action and the PDF resource
// routes, in workerd, against the local stack: happy paths, another company
// (404, never 403 with details), drafts, malformed ids, anonymous callers,
// invalid input and answers the data model refuses.
import { describe, expect, it } from 'vitest'
import { loader as listLoader } from '~/routes/_client.factures-devis._index.tsx'
import { loader as invoiceLoader } from '~/routes/_client.factures-devis.$id._index.tsx'
import { action as quoteAction, loader as quoteLoader } from '~/routes/_client.factures-devis.devis.$id.tsx'
import { loader as invoicePdfLoader } from '~/routes/api.factures.$id.pdf.tsx'
import { loader as receiptPdfLoader } from '~/routes/api.factures.$id.recus.$receiptId.tsx'
import { loader as creditNotePdfLoader } from '~/routes/api.factures.$id.avoir.tsx'
import { loader as quotePdfLoader } from '~/routes/api.devis.$id.pdf.tsx'
import { ACME, adminClient, ADMIN, APP, BAOBAB, buildContext, callAction, callLoader, IDS, sessionCookie } from './client-support.ts'

const INVOICE_DUE = '80000000-0000-4000-8000-000000000002'
const INVOICE_PAID = '80000000-0000-4000-8000-000000000001'
const INVOICE_CANCELED = '80000000-0000-4000-8000-000000000004'
const INVOICE_DRAFT = '80000000-0000-4000-8000-000000000005'
const QUOTE_DRAFT = '70000000-0000-4000-8000-000000000003'
const BAOBAB_INVOICE = '80000000-0000-4000-8000-000000000007'
const ACME_USER = '10000000-0000-4000-8000-000000000002'

/** A fresh quote for ACME, sent (numbered by the database), so answers do not touch the seed's. */
async function sentQuote(options: { validUntilDaysFromNow?: number } = {}) {
  const admin = adminClient()
  const today = new Date()
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
  const validity = options.validUntilDaysFromNow ?? 30
  const { data: quote, error } = await admin
    .from('quotes')
    .insert({
      client_id: IDS.acmeClient,
      project_id: IDS.acmeProject,
      title: 'Devis de test — refonte du tunnel de commande',
      issue_date: day(Math.min(0, validity - 30)),
      valid_until: day(validity),
    })
    .select('id')
    .single()
  if (error) throw error
  const items = await admin.from('quote_items').insert([
    { quote_id: quote.id, position: 1, label: 'Atelier', quantity: 1, unit_price: 250000 },
    { quote_id: quote.id, position: 2, label: 'Développement (jours)', quantity: 3, unit_price: 175000 },
  ])
  if (items.error) throw items.error
  const sent = await admin.from('quotes').update({ status: 'sent' }).eq('id', quote.id)
  if (sent.error) throw sent.error
  return quote.id as string
}

async function getFile(loader: (args: any) => unknown, as: string | null, path: string, params: Record<string, string>) {
  const headers = new Headers()
  if (as) headers.set('Cookie', await sessionCookie(as))
  const request = new Request(`${APP}${path}`, { headers })
  try {
    return (await loader({ request, context: buildContext(request), params })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    const d = thrown as { type?: string; init?: ResponseInit; data?: unknown }
    if (d?.type === 'DataWithResponseInit') return new Response(JSON.stringify(d.data), { status: d.init?.status ?? 500 })
    throw thrown
  }
}

describe('list loader', () => {
  it('lists ACME’s issued invoices and sent quotes, never drafts, with what is left to pay', async () => {
    const { status, data } = await callLoader(listLoader, { as: ACME, path: '/factures-devis' })
    expect(status).toBe(200)
    const ids = data.rows.map((r: { id: string }) => r.id)
    expect(ids).toEqual(expect.arrayContaining([INVOICE_DUE, INVOICE_PAID, INVOICE_CANCELED]))
    expect(ids).not.toContain(INVOICE_DRAFT)
    expect(ids).not.toContain(QUOTE_DRAFT)
    expect(ids).not.toContain(BAOBAB_INVOICE)
    // What ACME owes, read with the service role (other test files may send ACME invoices):
    // the seed's due invoice (1 180 000 F CFA) is part of it.
    const owed = await adminClient()
      .from('invoices')
      .select('id, balance_due')
      .eq('client_id', IDS.acmeClient)
      .in('status', ['sent', 'overdue'])
      .gt('balance_due', 0)
    if (owed.error) throw owed.error
    expect(owed.data.find((i) => i.id === INVOICE_DUE)?.balance_due).toBe(1_180_000)
    expect(data.summary.dueTotal).toBe(owed.data.reduce((sum, i) => sum + Number(i.balance_due), 0))
    expect(data.summary.dueCount).toBe(owed.data.length)
    expect(data.rows.every((r: { number: string | null }) => /^(FAC|DEV)-\d{4}-\d{5}$/.test(r.number ?? ''))).toBe(true)
  })

  it('filters by type and status from the URL, unknown values fall back to everything', async () => {
    const quotes = await callLoader(listLoader, { as: ACME, path: '/factures-devis?type=devis' })
    expect(quotes.data.rows.every((r: { kind: string }) => r.kind === 'quote')).toBe(true)
    const due = await callLoader(listLoader, { as: ACME, path: '/factures-devis?type=factures&statut=a-regler' })
    expect(due.data.rows.map((r: { id: string }) => r.id)).toEqual([INVOICE_DUE])
    const junk = await callLoader(listLoader, { as: ACME, path: '/factures-devis?type=<x>&statut=1' })
    expect(junk.data.filters).toEqual({ type: 'tout', statut: 'tous' })
  })

  it('shows Baobab none of ACME’s documents; sends the anonymous to the login page; the admin to the back office', async () => {
    const baobab = await callLoader(listLoader, { as: BAOBAB, path: '/factures-devis' })
    expect(JSON.stringify(baobab.data)).not.toContain('ACME')
    expect(baobab.data.rows.map((r: { id: string }) => r.id)).toContain(BAOBAB_INVOICE)
    const anonymous = await callLoader(listLoader, { as: null, path: '/factures-devis' })
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion\?redirectTo=/)
    const admin = await callLoader(listLoader, { as: ADMIN, path: '/factures-devis' })
    expect(admin.status).toBe(302)
    expect(admin.location).toBe('/admin')
  })
})

describe('invoice loader', () => {
  it('tells the client when the last reminder of an invoice still due was sent', async () => {
    // Baobab's seed invoice is overdue with a balance; the reminder is recorded by the database (invoice_reminders).
    const sentAt = '2026-11-20T08:00:00+00:00'
    const set = await adminClient().from('invoices').update({ last_reminder_at: sentAt }).eq('id', BAOBAB_INVOICE).select('id')
    expect(set.error).toBeNull()
    const { status, data } = await callLoader(invoiceLoader, { as: BAOBAB, path: '/factures-devis/x', params: { id: BAOBAB_INVOICE } })
    expect(status).toBe(200)
    expect(new Date(data.invoice.last_reminder_at).toISOString()).toBe(new Date(sentAt).toISOString())
  })
  it('returns lines, totals from the database, payments with receipts and the pay form’s path', async () => {
    const { status, data } = await callLoader(invoiceLoader, { as: ACME, path: '/factures-devis/x', params: { id: INVOICE_DUE } })
    expect(status).toBe(200)
    const inv = data.invoice
    expect(inv.items.reduce((s: number, i: { line_total: number }) => s + i.line_total, 0)).toBe(inv.subtotal_ht)
    expect([inv.subtotal_ht, inv.vat_amount, inv.total_ttc, inv.balance_due]).toEqual([1_000_000, 180_000, 1_180_000, 1_180_000])
    expect(data.payable).toBe(true)
    expect(data.payAction).toBe(`/api/invoices/${INVOICE_DUE}/pay`)
    expect(inv.attempts[0]).toMatchObject({ transaction_id: 'NX3H8D2F6C5E', status: 'refused' })
    // Issue 7's routes exist in this tree: the button and "J'ai payé…" are offered.
    expect(data.onlineAvailable).toBe(true)
    expect(data.reportPaid).toEqual({ action: '/api/paiements/NX3H8D2F6C5E/signaler', transactionId: 'NX3H8D2F6C5E' })

    const paid = await callLoader(invoiceLoader, { as: ACME, path: '/factures-devis/x', params: { id: INVOICE_PAID } })
    expect(paid.data.payable).toBe(false)
    expect(paid.data.reportPaid).toBeNull()
    expect(paid.data.invoice.payments).toHaveLength(1)
    expect(paid.data.invoice.payments[0].receipt.number).toMatch(/^REC-\d{4}-\d{5}$/)
  })

  it('answers 404 for another company’s invoice, a draft and a malformed id — with no detail', async () => {
    for (const [as, id] of [
      [BAOBAB, INVOICE_DUE],
      [ACME, BAOBAB_INVOICE],
      [ACME, INVOICE_DRAFT],
      [ACME, 'pas-un-uuid'],
      [ACME, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await callLoader(invoiceLoader, { as, path: '/factures-devis/x', params: { id } })
      expect(res.status, `${as} ${id}`).toBe(404)
      expect(JSON.stringify(res.data)).not.toMatch(/ACME|Baobab|FAC-/)
    }
  })
})

describe('PDF routes', () => {
  it('renders the invoice, receipt, credit note and quote PDFs for the owner, as attachments that are never cached', async () => {
    const invoice = await getFile(invoicePdfLoader, ACME, `/api/factures/${INVOICE_DUE}/pdf`, { id: INVOICE_DUE })
    expect(invoice.status).toBe(200)
    expect(invoice.headers.get('Content-Type')).toBe('application/pdf')
    expect(invoice.headers.get('Cache-Control')).toBe('private, no-store')
    expect(invoice.headers.get('Content-Disposition')).toMatch(/^attachment; filename="FAC-\d{4}-\d{5}\.pdf"$/)
    const bytes = new Uint8Array(await invoice.arrayBuffer())
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-')

    const detail = await callLoader(invoiceLoader, { as: ACME, path: '/x', params: { id: INVOICE_PAID } })
    const receiptId = detail.data.invoice.payments[0].receipt.id
    const receipt = await getFile(receiptPdfLoader, ACME, '/x', { id: INVOICE_PAID, receiptId })
    expect(receipt.status).toBe(200)
    expect(receipt.headers.get('Content-Disposition')).toMatch(/filename="REC-\d{4}-\d{5}\.pdf"/)

    const note = await getFile(creditNotePdfLoader, ACME, '/x', { id: INVOICE_CANCELED })
    expect(note.status).toBe(200)
    expect(note.headers.get('Content-Disposition')).toMatch(/filename="AVO-\d{4}-\d{5}\.pdf"/)

    const quote = await getFile(quotePdfLoader, ACME, '/x', { id: '70000000-0000-4000-8000-000000000001' })
    expect(quote.status).toBe(200)
    expect(quote.headers.get('Content-Disposition')).toMatch(/filename="DEV-\d{4}-\d{5}\.pdf"/)
  })

  it('answers 404 (no PDF) to another company, for drafts, unknown receipts and invoices without a credit note', async () => {
    const cases: Array<[string, (args: any) => unknown, Record<string, string>]> = [
      [BAOBAB, invoicePdfLoader, { id: INVOICE_DUE }],
      [BAOBAB, quotePdfLoader, { id: '70000000-0000-4000-8000-000000000002' }],
      [BAOBAB, creditNotePdfLoader, { id: INVOICE_CANCELED }],
      [ACME, invoicePdfLoader, { id: INVOICE_DRAFT }],
      [ACME, quotePdfLoader, { id: QUOTE_DRAFT }],
      [ACME, invoicePdfLoader, { id: 'x' }],
      [ACME, creditNotePdfLoader, { id: INVOICE_DUE }],
      [ACME, receiptPdfLoader, { id: INVOICE_PAID, receiptId: '00000000-0000-4000-8000-000000000000' }],
      [BAOBAB, receiptPdfLoader, { id: INVOICE_PAID, receiptId: '00000000-0000-4000-8000-000000000000' }],
    ]
    for (const [as, loader, params] of cases) {
      const res = await getFile(loader, as, '/x', params)
      expect(res.status, `${as} ${JSON.stringify(params)}`).toBe(404)
      expect(res.headers.get('Content-Type') ?? '').not.toContain('pdf')
      expect(await res.text()).not.toMatch(/ACME|FAC-|%PDF/)
    }
    const anonymous = await getFile(invoicePdfLoader, null, `/api/factures/${INVOICE_DUE}/pdf`, { id: INVOICE_DUE })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/connexion/)
  })
})

describe('quote answer action', () => {
  it('refuses a "bon pour accord" without the ticked box or the name, and keeps what was typed', async () => {
    const id = await sentQuote()
    const noBox = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'accepter', signerName: 'Aïcha Coulibaly' } })
    expect(noBox.status).toBe(400)
    expect(noBox.data.fieldErrors.consent[0]).toMatch(/Cochez la case/)
    expect(noBox.data.values.signerName).toBe('Aïcha Coulibaly')
    const noName = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'accepter', signerName: ' ', consent: 'on' } })
    expect(noName.status).toBe(400)
    expect(noName.data.fieldErrors.signerName).toBeDefined()
    const unknown = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'supprimer' } })
    expect(unknown.status).toBe(400)
    const { data: row } = await adminClient().from('quotes').select('status').eq('id', id).single()
    expect(row!.status).toBe('sent')
  })

  it('accepts through accept_quote(): who, when and the typed name are recorded; a second answer is refused', async () => {
    const id = await sentQuote()
    const before = Date.now()
    const res = await callAction(quoteAction, {
      as: ACME,
      path: '/x',
      params: { id },
      form: { intent: 'accepter', signerName: '  Aïcha Coulibaly ', consent: 'on' },
    })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`/factures-devis/devis/${id}`)
    const { data: row } = await adminClient().from('quotes').select('status, signer_name, accepted_by, accepted_at').eq('id', id).single()
    expect(row).toMatchObject({ status: 'accepted', signer_name: 'Aïcha Coulibaly', accepted_by: ACME_USER })
    expect(new Date(row!.accepted_at).getTime()).toBeGreaterThan(before - 60_000)
    const loaded = await callLoader(quoteLoader, { as: ACME, path: '/x', params: { id } })
    expect(loaded.data.answerable).toBe(false)

    const again = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'refuser', reason: 'Trop cher finalement' } })
    expect(again.status).toBe(409)
    expect(again.data.formError).toMatch(/n’attend plus de réponse|n'attend plus de réponse/)
  })

  it('declines with a reason (at least 3 characters)', async () => {
    const id = await sentQuote()
    const short = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'refuser', reason: 'no' } })
    expect(short.status).toBe(400)
    expect(short.data.fieldErrors.reason).toBeDefined()
    const ok = await callAction(quoteAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'refuser', reason: 'Budget reporté au prochain trimestre.' } })
    expect(ok.status).toBe(302)
    const { data: row } = await adminClient().from('quotes').select('status, decline_reason, declined_by').eq('id', id).single()
    expect(row).toEqual({ status: 'declined', decline_reason: 'Budget reporté au prochain trimestre.', declined_by: ACME_USER })
  })

  it('refuses an expired quote with the database’s French message, and answers 404 to another company', async () => {
    const expired = await sentQuote({ validUntilDaysFromNow: -2 })
    const loaded = await callLoader(quoteLoader, { as: ACME, path: '/x', params: { id: expired } })
    expect(loaded.data.answerable).toBe(false)
    const res = await callAction(quoteAction, { as: ACME, path: '/x', params: { id: expired }, form: { intent: 'accepter', signerName: 'Aïcha Coulibaly', consent: 'on' } })
    expect(res.status).toBe(409)
    expect(res.data.formError).toMatch(/a expiré/)

    const id = await sentQuote()
    const foreign = await callAction(quoteAction, { as: BAOBAB, path: '/x', params: { id }, form: { intent: 'accepter', signerName: 'Koffi', consent: 'on' } })
    expect(foreign.status).toBe(404)
    expect((await callLoader(quoteLoader, { as: BAOBAB, path: '/x', params: { id } })).status).toBe(404)
    const admin = await callAction(quoteAction, { as: ADMIN, path: '/x', params: { id }, form: { intent: 'accepter', signerName: 'Yannick', consent: 'on' } })
    expect(admin.status).toBe(403)
    const { data: row } = await adminClient().from('quotes').select('status').eq('id', id).single()
    expect(row!.status).toBe('sent')
  })
})
