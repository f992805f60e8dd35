// /admin/factures-devis loaders and actions in workerd against the local
// stack: drafts with three lines (totals read back from the database), edit,
// send (numbered by the database), manual payments with proof, duplicate,
// cancellation by credit note, quote → invoice, the admin PDF preview —
// each valid, invalid and refused to a client, with audit rows.
import { createClient } from '@supabase/supabase-js'
import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { loader as creditNotePdf } from '~/routes/api.admin.factures.$id.avoir.tsx'
import { loader as invoicePdf } from '~/routes/api.admin.factures.$id.pdf.tsx'
import { loader as clientInvoicePdf } from '~/routes/api.factures.$id.pdf.tsx'
import { action as quoteAction } from '~/routes/admin.factures-devis.devis.$id.tsx'
import { action as invoiceAction, loader as invoiceLoader } from '~/routes/admin.factures-devis.factures.$id.tsx'
import { loader as listLoader } from '~/routes/admin.factures-devis._index.tsx'
import { action as createAction } from '~/routes/admin.factures-devis.nouveau.tsx'
import { ACME, ADMIN, APP, auditFor, callAction, callLoader, IDS, PASSWORD, serviceClient, unique } from './admin-support.ts'
import { buildContext, sessionCookie } from './client-support.ts'

// The documents of these tests belong to Baobab: client-billing.test.ts counts
// ACME's invoices due, and the files share one stack (docs/decisions/004).
// "Forbidden for a client" is still tried as ACME's user: any client is refused.
const OWNER = IDS.baobab
const OWNER_EMAIL = 'client@baobab.test'
async function ownerClient() {
  const client = createClient(inject('supabaseUrl'), inject('supabaseAnonKey'), { auth: { persistSession: false, autoRefreshToken: false } })
  await client.auth.signInWithPassword({ email: OWNER_EMAIL, password: PASSWORD })
  return client
}

// 1 500 000 + round(2.5 × 120 001) = 300 003 + 3 × 45 000 → HT 1 935 003, TVA 18 % 348 301, TTC 2 283 304.
const THREE_LINES = {
  'items[0].label': 'Développement',
  'items[0].quantity': '1',
  'items[0].unit_price': '1 500 000',
  'items[1].label': 'Intégration CinetPay',
  'items[1].quantity': '2,5',
  'items[1].unit_price': '120001',
  'items[2].label': 'Formation',
  'items[2].quantity': '3',
  'items[2].unit_price': '45000',
}

async function newDraft(kind: 'facture' | 'devis' = 'facture', lines: Record<string, string> = THREE_LINES) {
  const title = unique(kind === 'facture' ? 'Facture test' : 'Devis test')
  const res = await callAction(createAction, { as: ADMIN, path: `/admin/factures-devis/nouveau?type=${kind}`, form: { client_id: OWNER, title, vat_rate: '18', ...lines } })
  expect(res.status).toBe(302)
  return { id: res.location!.split('/').pop()!, title }
}
const inv = (id: string) => ({ path: `/admin/factures-devis/factures/${id}`, params: { id } })
const quote = (id: string) => ({ path: `/admin/factures-devis/devis/${id}`, params: { id } })
const invoiceRow = async (id: string) => (await serviceClient().from('invoices').select('*').eq('id', id).single()).data

async function sent(id: string) {
  const res = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'send' } })
  expect(res.status).toBe(302)
  return invoiceRow(id)
}

describe('drafts', () => {
  it('creates an invoice with three lines; the database computes the totals', async () => {
    const { id } = await newDraft()
    expect(await invoiceRow(id)).toMatchObject({ status: 'draft', number: null, subtotal_ht: 1_935_003, vat_amount: 348_301, total_ttc: 2_283_304 })
    const { data: lines } = await serviceClient().from('invoice_items').select('position, label, quantity, unit_price, line_total').eq('invoice_id', id).order('position')
    expect(lines!.map((l) => l.line_total)).toEqual([1_500_000, 300_003, 135_000])
    expect((await auditFor('invoices', id))[0]).toMatchObject({ action: 'insert', actor_role: 'admin' })
    const page = await callLoader(invoiceLoader, { as: ADMIN, ...inv(id) })
    expect(page.data.invoice.total_ttc).toBe(2_283_304)
  })
  it('refuses a draft without lines or with bad amounts, keeping every value typed', async () => {
    const res = await callAction(createAction, {
      as: ADMIN,
      path: '/admin/factures-devis/nouveau?type=facture',
      form: { client_id: IDS.acme, title: 'Mauvaises lignes', vat_rate: '18', 'items[0].label': 'Ligne', 'items[0].quantity': '0', 'items[0].unit_price': '12,5' },
    })
    expect(res.status).toBe(400)
    expect(res.data.error['items[0].quantity']).toEqual(['La quantité doit être positive.'])
    expect(res.data.error['items[0].unit_price']).toEqual(['Prix en F CFA entiers, sans décimales.'])
    expect(res.data.initialValue.title).toBe('Mauvaises lignes')
    const none = await callAction(createAction, { as: ADMIN, path: '/admin/factures-devis/nouveau?type=facture', form: { client_id: IDS.acme, title: 'Sans ligne', vat_rate: '18' } })
    expect(none.status).toBe(400)
    expect(none.data.error.items).toEqual(['Ajoutez au moins une ligne.'])
  })
  it('refuses a client (403), nothing created', async () => {
    const title = unique('Intrusion')
    const res = await callAction(createAction, { as: ACME, path: '/admin/factures-devis/nouveau?type=facture', form: { client_id: IDS.acme, title, vat_rate: '0', ...THREE_LINES } })
    expect(res.status).toBe(403)
    expect((await serviceClient().from('invoices').select('id').eq('title', title)).data).toEqual([])
  })
  it('saves a draft with new lines and rate; the old lines are replaced', async () => {
    const { id, title } = await newDraft()
    const res = await callAction(invoiceAction, {
      as: ADMIN,
      ...inv(id),
      form: { intent: 'save', client_id: OWNER, title, vat_rate: '0', 'items[0].label': 'Forfait', 'items[0].quantity': '1', 'items[0].unit_price': '500000' },
    })
    expect(res.status).toBe(302)
    expect(await invoiceRow(id)).toMatchObject({ subtotal_ht: 500_000, vat_amount: 0, total_ttc: 500_000 })
    expect((await serviceClient().from('invoice_items').select('label').eq('invoice_id', id)).data).toEqual([{ label: 'Forfait' }])
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'save', client_id: OWNER, title, vat_rate: '0', ...THREE_LINES } })).status).toBe(403)
  })
  it('saves header and lines together or not at all; refusals are French and keep every typed value', async () => {
    const { id, title } = await newDraft()
    const itemsOf = async () => (await serviceClient().from('invoice_items').select('id, position, label').eq('invoice_id', id).order('position')).data
    const before = { row: await invoiceRow(id), items: await itemsOf() }
    const typed = {
      intent: 'save', client_id: OWNER, title: 'Nouvel objet', vat_rate: '0',
      'items[0].label': 'Forfait', 'items[0].quantity': '1', 'items[0].unit_price': '500000',
    }
    // The database refuses the header (a project of another company) inside replace_document_items():
    // neither the new header nor the new lines are kept.
    const foreign = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { ...typed, project_id: IDS.acmeShop } })
    expect(foreign.status).toBe(400)
    expect(foreign.data.result.error[''][0]).toMatch(/lié à d’autres données/)
    expect(foreign.data.result.initialValue).toMatchObject({ title: 'Nouvel objet', project_id: IDS.acmeShop })
    // Each bound holds but the line total does not fit: refused before the database, on the field.
    const huge = await callAction(invoiceAction, {
      as: ADMIN,
      ...inv(id),
      form: { ...typed, 'items[1].label': 'Démesuré', 'items[1].quantity': '100 000 000', 'items[1].unit_price': '1 000 000 000 000' },
    })
    expect(huge.status).toBe(400)
    expect(huge.data.result.error['items[1].unit_price']).toEqual(['Montant de la ligne trop élevé : réduisez la quantité ou le prix.'])
    expect(huge.data.result.initialValue.items[1]).toMatchObject({ label: 'Démesuré', unit_price: '1 000 000 000 000' })
    expect({ row: await invoiceRow(id), items: await itemsOf() }).toEqual(before)
    expect(before.row).toMatchObject({ title, total_ttc: 2_283_304 })
  })
  it('saves a quote draft (valid, invalid, forbidden) and answers 404 for an unknown draft', async () => {
    const { id, title } = await newDraft('devis')
    const lines = { 'items[0].label': 'Audit', 'items[0].quantity': '2', 'items[0].unit_price': '250000' }
    const ok = await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'save', client_id: OWNER, title, vat_rate: '18', terms: 'Acompte 30 %', deadline: '2026-12-31', ...lines } })
    expect(ok.status).toBe(302)
    const { data: row } = await serviceClient().from('quotes').select('total_ttc, terms, valid_until').eq('id', id).single()
    expect(row).toEqual({ total_ttc: 590_000, terms: 'Acompte 30 %', valid_until: '2026-12-31' })
    const bad = await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'save', client_id: OWNER, title: '', vat_rate: '120', ...lines } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error).toMatchObject({ title: ['L’objet est obligatoire.'], vat_rate: ['Entre 0 et 100 %.'] })
    expect((await callAction(quoteAction, { as: ACME, ...quote(id), form: { intent: 'save', client_id: OWNER, title, vat_rate: '18', ...lines } })).status).toBe(403)
    const ghost = crypto.randomUUID()
    const missing = await callAction(quoteAction, { as: ADMIN, ...quote(ghost), form: { intent: 'save', client_id: OWNER, title, vat_rate: '18', ...lines } })
    expect(missing.status).toBe(404)
    expect(missing.data.result.error['']).toEqual(['Devis introuvable.'])
  })
  it('deletes a draft after confirmation; a client cannot', async () => {
    const { id } = await newDraft()
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'delete' } })).status).toBe(403)
    expect((await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'delete' } })).status).toBe(302)
    expect(await invoiceRow(id)).toBeNull()
  })
})

describe('send, list, PDF', () => {
  it('sends: the database numbers it and the client can read it; it is then immutable', async () => {
    const { id, title } = await newDraft()
    const row = await sent(id)
    expect(row.status).toBe('sent')
    expect(row.number).toMatch(/^FAC-\d{4}-\d{5}$/)
    const owner = await ownerClient()
    expect((await owner.from('invoices').select('number, total_ttc').eq('id', id).single()).data).toEqual({ number: row.number, total_ttc: 2_283_304 })
    const edit = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'save', client_id: OWNER, title, vat_rate: '18', ...THREE_LINES } })
    expect(edit.status).toBe(409)
    expect(edit.data.result.error['']).toEqual(['Seule une facture brouillon se modifie : émettez un avoir.'])
    const list = await callLoader(listLoader, { as: ADMIN, path: `/admin/factures-devis?q=${row.number}` })
    expect(list.data.rows.map((r: { id: string }) => r.id)).toEqual([id])
  })
  it('refuses to send for a client, and an empty draft is refused by the database', async () => {
    const { id } = await newDraft()
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'send' } })).status).toBe(403)
    expect((await invoiceRow(id)).status).toBe('draft')
    const { data: empty } = await serviceClient().from('invoices').insert({ client_id: OWNER, title: unique('Vide') }).select('id').single()
    const res = await callAction(invoiceAction, { as: ADMIN, ...inv(empty!.id), form: { intent: 'send' } })
    expect(res.status).toBe(400)
    expect(res.data.formError).toBe('Ajoutez au moins une ligne avant d\'envoyer la facture.')
  })
  it('renders the admin PDF preview of a draft; a client gets 403', async () => {
    const { id } = await newDraft()
    const res = await callLoader(invoicePdf, { as: ADMIN, path: `/api/admin/factures/${id}/pdf?apercu`, params: { id } })
    expect(res.status).toBe(200)
    expect(String(res.data).startsWith('%PDF-')).toBe(true)
    expect((await callLoader(invoicePdf, { as: ACME, path: `/api/admin/factures/${id}/pdf`, params: { id } })).status).toBe(403)
  })
})

describe('the admin preview is the client’s PDF', () => {
  /** The raw bytes a PDF route answers with, for a signed-in user. */
  async function pdfBytes(loader: (args: any) => unknown, as: string, path: string, id: string) { // eslint-disable-line @typescript-eslint/no-explicit-any
    const request = new Request(`${APP}${path}`, { headers: { Cookie: await sessionCookie(as) } })
    const res = (await loader({ request, context: buildContext(request), params: { id } })) as Response
    expect(res.status).toBe(200)
    return new Uint8Array(await res.arrayBuffer())
  }
  /** What is drawn on each page (the decoded content streams): the layout, text and positions included. */
  async function drawn(bytes: Uint8Array) {
    const pdf = await PDFDocument.load(bytes)
    return pdf.getPages().map((page) => {
      const contents = page.node.Contents()
      const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents]
      return streams.map((stream) => new TextDecoder('latin1').decode(decodePDFRawStream(stream as PDFRawStream).decode())).join('\n')
    })
  }
  it('draws exactly the same pages as the client’s download of a sent invoice', async () => {
    const { id } = await newDraft()
    await sent(id)
    const admin = await drawn(await pdfBytes(invoicePdf, ADMIN, `/api/admin/factures/${id}/pdf`, id))
    const client = await drawn(await pdfBytes(clientInvoicePdf, OWNER_EMAIL, `/api/factures/${id}/pdf`, id))
    expect(admin.length).toBeGreaterThan(0)
    expect(admin.join('').length).toBeGreaterThan(1000)
    // Files differ only by pdf-lib's timestamps and font-subset tags, never by what is drawn.
    expect(admin).toEqual(client)
  })
})

describe('payments, duplicate, cancellation', () => {
  it('records a transfer with its proof, then cash up to paid; over the balance is refused', async () => {
    const { id } = await newDraft()
    await sent(id)
    const form = new FormData()
    for (const [k, v] of Object.entries({ intent: 'payment', amount: '1 000 000', method: 'transfer', reference: 'VIR-42', paid_on: '2026-11-20' })) form.set(k, v)
    form.set('proof', new File(['%PDF-1.4'], 'avis.pdf', { type: 'application/pdf' }))
    const res = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form })
    expect(res.status).toBe(200)
    const { data: payments } = await serviceClient().from('payments').select('amount, method, reference, proof_document_id, recorded_by, receipts(number)').eq('invoice_id', id)
    expect(payments).toHaveLength(1)
    expect(payments![0]).toMatchObject({ amount: 1_000_000, method: 'transfer', reference: 'VIR-42', recorded_by: IDS.admin })
    expect(payments![0].proof_document_id).not.toBeNull()
    expect(await invoiceRow(id)).toMatchObject({ status: 'sent', amount_paid: 1_000_000, balance_due: 1_283_304 })

    const over = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'payment', amount: '2000000', method: 'cash', paid_on: '2026-11-21' } })
    expect(over.status).toBe(400)
    expect(over.data.result.error[''][0]).toMatch(/dépasse le solde dû/)
    const invalid = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'payment', amount: '-5', method: 'cheque', paid_on: '' } })
    expect(invalid.status).toBe(400)
    expect(Object.keys(invalid.data.result.error).sort()).toEqual(['amount', 'method', 'paid_on'])
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'payment', amount: '1283304', method: 'cash', paid_on: '2026-11-21' } })).status).toBe(403)

    await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'payment', amount: '1283304', method: 'cash', paid_on: '2026-11-21' } })
    expect(await invoiceRow(id)).toMatchObject({ status: 'paid', balance_due: 0 })
  })
  it('a refused payment keeps the typed values and leaves no orphan proof; a bad proof file is refused in French', async () => {
    const { id } = await newDraft()
    const { number } = await sent(id)
    const proofs = async () => (await serviceClient().from('documents').select('id').eq('label', `Justificatif de paiement ${number}`)).data
    const over = new FormData()
    for (const [k, v] of Object.entries({ intent: 'payment', amount: '9 999 999', method: 'transfer', reference: 'VIR-TROP', paid_on: '2026-11-20' })) over.set(k, v)
    over.set('proof', new File(['%PDF-1.4'], 'avis.pdf', { type: 'application/pdf' }))
    const res = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: over })
    expect(res.status).toBe(400)
    expect(res.data.result.error[''][0]).toMatch(/dépasse le solde dû/)
    expect(res.data.result.initialValue).toMatchObject({ amount: '9 999 999', reference: 'VIR-TROP', paid_on: '2026-11-20' })
    expect(await proofs()).toEqual([])

    const exe = new FormData()
    for (const [k, v] of Object.entries({ intent: 'payment', amount: '1000', method: 'cash', reference: 'CAISSE-9', paid_on: '2026-11-20' })) exe.set(k, v)
    exe.set('proof', new File(['MZ'], 'virus.exe', { type: 'application/x-msdownload' }))
    const bad = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: exe })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error[''][0]).toMatch(/n’est pas d’un type accepté/)
    expect(bad.data.result.initialValue).toMatchObject({ amount: '1000', reference: 'CAISSE-9' })
    expect((await serviceClient().from('payments').select('id').eq('invoice_id', id)).data).toEqual([])
  })
  it('duplicates into a new draft; a client cannot', async () => {
    const { id } = await newDraft()
    await sent(id)
    const res = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'duplicate' } })
    expect(res.status).toBe(302)
    const copy = await invoiceRow(res.location!.split('/').pop()!)
    expect(copy).toMatchObject({ status: 'draft', number: null, total_ttc: 2_283_304 })
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'duplicate' } })).status).toBe(403)
  })
  it('cancels an issued invoice with a credit note; a reason is required; a client cannot', async () => {
    const { id } = await newDraft()
    await sent(id)
    const noReason = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'cancel', reason: ' ' } })
    expect(noReason.status).toBe(400)
    expect(noReason.data.formError).toMatch(/motif/)
    expect((await callAction(invoiceAction, { as: ACME, ...inv(id), form: { intent: 'cancel', reason: 'Erreur de TVA' } })).status).toBe(403)
    expect((await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'cancel', reason: 'Erreur de TVA' } })).status).toBe(200)
    expect(await invoiceRow(id)).toMatchObject({ status: 'canceled', balance_due: 0 })
    const { data: note } = await serviceClient().from('credit_notes').select('number, amount, reason').eq('invoice_id', id).single()
    expect(note).toMatchObject({ amount: 2_283_304, reason: 'Erreur de TVA' })
    expect(note!.number).toMatch(/^AVO-\d{4}-\d{5}$/)
    const pdf = await callLoader(creditNotePdf, { as: ADMIN, path: `/api/admin/factures/${id}/avoir`, params: { id } })
    expect(pdf.status).toBe(200)
    expect(String(pdf.data).startsWith('%PDF-')).toBe(true)
    expect((await callLoader(creditNotePdf, { as: ACME, path: `/api/admin/factures/${id}/avoir`, params: { id } })).status).toBe(403)
  })
})

describe('refusals of the other writes are French and keep the page usable', () => {
  it('deleting an issued invoice, duplicating an unknown one and an unknown intent are refused with a message', async () => {
    const { id } = await newDraft()
    await sent(id)
    const del = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'delete' } })
    expect(del.status).toBe(400)
    expect(del.data.formError).toBe('Seule une facture brouillon peut être supprimée : annulez-la par un avoir.')
    expect((await invoiceRow(id)).status).toBe('sent')
    const ghost = crypto.randomUUID()
    const dup = await callAction(invoiceAction, { as: ADMIN, ...inv(ghost), form: { intent: 'duplicate' } })
    expect(dup.data.formError).toBe('Facture introuvable.')
    const what = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'pirater' } })
    expect(what.status).toBe(400)
    expect(what.data.formError).toBe('Action inconnue.')
    expect((await callAction(invoiceAction, { as: ADMIN, path: '/admin/factures-devis/factures/x', params: { id: 'x' }, form: { intent: 'send' } })).status).toBe(404)
  })
  it('a payment on a draft is refused with the typed values kept', async () => {
    const { id } = await newDraft()
    const res = await callAction(invoiceAction, { as: ADMIN, ...inv(id), form: { intent: 'payment', amount: '1000', method: 'cash', reference: 'CAISSE-1', paid_on: '2026-11-20' } })
    expect(res.status).toBe(400)
    expect(res.data.result.error[''][0]).toMatch(/brouillon|envoyée|émise/i)
    expect(res.data.result.initialValue).toMatchObject({ amount: '1000', reference: 'CAISSE-1' })
  })
})

describe('quotes', () => {
  it('sending an empty quote and deleting a sent one are refused in French; a draft is deleted, not by a client', async () => {
    const { data: empty } = await serviceClient().from('quotes').insert({ client_id: OWNER, title: unique('Devis vide') }).select('id').single()
    const send = await callAction(quoteAction, { as: ADMIN, ...quote(empty!.id), form: { intent: 'send' } })
    expect(send.status).toBe(400)
    expect(send.data.formError).toBe('Ajoutez au moins une ligne avant d\'envoyer le devis.')
    expect((await callAction(quoteAction, { as: ACME, ...quote(empty!.id), form: { intent: 'delete' } })).status).toBe(403)
    const del = await callAction(quoteAction, { as: ADMIN, ...quote(empty!.id), form: { intent: 'delete' } })
    expect(del.status).toBe(302)
    expect(del.location).toBe('/admin/factures-devis?type=devis')
    expect((await serviceClient().from('quotes').select('id').eq('id', empty!.id)).data).toEqual([])

    const { id } = await newDraft('devis')
    expect((await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'send' } })).status).toBe(302)
    const sentDel = await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'delete' } })
    expect(sentDel.status).toBe(400)
    expect(sentDel.data.formError).toBe('Seul un devis brouillon peut être supprimé.')
  })
  it('sends a quote, and turns it into an invoice once accepted (not before)', async () => {
    const { id } = await newDraft('devis')
    expect((await callAction(quoteAction, { as: ACME, ...quote(id), form: { intent: 'send' } })).status).toBe(403)
    expect((await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'send' } })).status).toBe(302)
    const { data: q } = await serviceClient().from('quotes').select('number, status').eq('id', id).single()
    expect(q!.number).toMatch(/^DEV-\d{4}-\d{5}$/)
    const early = await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'invoice' } })
    expect(early.status).toBe(400)
    expect(early.data.formError).toBe('Seul un devis accepté peut être facturé.')

    const owner = await ownerClient()
    expect((await owner.rpc('accept_quote', { p_quote_id: id, p_signer_name: 'Aïcha Coulibaly' })).error).toBeNull()
    expect((await callAction(quoteAction, { as: ACME, ...quote(id), form: { intent: 'invoice' } })).status).toBe(403)
    const res = await callAction(quoteAction, { as: ADMIN, ...quote(id), form: { intent: 'invoice' } })
    expect(res.status).toBe(302)
    const invoice = await invoiceRow(res.location!.split('/').pop()!)
    expect(invoice).toMatchObject({ status: 'draft', quote_id: id, total_ttc: 2_283_304 })
  })
})
