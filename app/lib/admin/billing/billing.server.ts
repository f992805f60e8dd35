// Invoices and quotes in the back office. The database owns the money rules
// (see migration 05): line totals, HT/TVA/TTC, numbering on send, status
// machines, immutability once issued, credit notes, payments → receipts and
// the paid status. This module only writes what the admin typed and calls
// the RPCs; every figure shown after a save is read back from the database.
import type { ClientCompany, InvoiceDetail, LineItem, QuoteDetail } from '../../billing/get-document.server.ts'
import { AdminWriteError, check, requireRow, type Db } from '../db.ts'
import { ilikeTerm, pageRange, type ListParams } from '../list.ts'
import { uploadDocument } from '../tasks/upload.server.ts'
import type { BillingDocumentInput, DocKind, LineItemInput, ManualPaymentInput } from './schemas.ts'

type RawRow = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const one = <T>(v: T | T[] | null | undefined): T | null => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null))

const TABLE = { facture: 'invoices', devis: 'quotes' } as const
const ITEMS = { facture: 'invoice_items', devis: 'quote_items' } as const
const PARENT = { facture: 'invoice_id', devis: 'quote_id' } as const
const DEADLINE = { facture: 'due_date', devis: 'valid_until' } as const

export const BILLING_SORTS = ['created_at', 'issue_date', 'deadline', 'total_ttc', 'number'] as const
export type BillingSort = (typeof BILLING_SORTS)[number]

export interface BillingRow {
  id: string
  number: string | null
  title: string
  status: string
  issue_date: string | null
  deadline: string | null
  total_ttc: number
  balance_due: number | null
  client_id: string
  client_name: string
}

function failed(what: string, error: { code?: string; message: string }): never {
  console.error(`[admin] ${what} : ${error.code ?? ''} ${error.message}`)
  throw new Response('Les factures et devis n’ont pas pu être chargés. Réessayez.', { status: 500 })
}

export async function listBillingDocuments(db: Db, kind: DocKind, params: ListParams<BillingSort>) {
  const deadline = DEADLINE[kind]
  const columns = `id, number, title, status, issue_date, ${deadline}, total_ttc, ${kind === 'facture' ? 'balance_due, ' : ''}client_id, clients(name)`
  let query = db.from(TABLE[kind]).select(columns, { count: 'exact' })
  if (params.q) {
    const term = ilikeTerm(params.q)
    query = query.or(`number.ilike.${term},title.ilike.${term}`)
  }
  if (params.filters.statut) query = query.eq('status', params.filters.statut)
  if (params.filters.client) query = query.eq('client_id', params.filters.client)
  const [from, to] = pageRange(params.page)
  const sortColumn = params.sort === 'deadline' ? deadline : params.sort
  const { data, count, error } = await query
    .order(sortColumn, { ascending: params.dir === 'asc', nullsFirst: false })
    .order('created_at', { ascending: false })
    .range(from, to)
  if (error) failed(kind, error)
  const rows: BillingRow[] = ((data ?? []) as RawRow[]).map((d) => ({
    id: d.id,
    number: d.number,
    title: d.title,
    status: d.status,
    issue_date: d.issue_date,
    deadline: d[deadline],
    total_ttc: Number(d.total_ttc),
    balance_due: kind === 'facture' ? Number(d.balance_due) : null,
    client_id: d.client_id,
    client_name: one<{ name: string }>(d.clients)?.name ?? '',
  }))
  return { rows, total: count ?? 0 }
}

/** Clients and their open projects for the editor's pickers, in parallel. */
export async function editorOptions(db: Db) {
  const [clients, projects] = await Promise.all([
    db.from('clients').select('id, name').eq('is_archived', false).order('name').limit(500),
    db.from('projects').select('id, title, client_id').order('title').limit(1000),
  ])
  if (clients.error) failed('clients', clients.error)
  if (projects.error) failed('projets', projects.error)
  return {
    clients: (clients.data ?? []).map((c: RawRow) => ({ value: c.id as string, label: c.name as string })),
    projects: (projects.data ?? []).map((p: RawRow) => ({ value: p.id as string, label: p.title as string, client_id: p.client_id as string })),
    // The column default of invoices.vat_rate / quotes.vat_rate (TVA 18 % in Côte d'Ivoire).
    defaultVatRate: 18,
  }
}

const CLIENT_COLUMNS = 'name, contact_name, address, city, country, email, phone, ncc, rccm'
const ITEM_COLUMNS = 'id, position, label, description, quantity, unit_price, line_total'

function items(raw: unknown): LineItem[] {
  return ((raw as LineItem[] | null) ?? [])
    .map((i) => ({ ...i, quantity: Number(i.quantity), unit_price: Number(i.unit_price), line_total: Number(i.line_total) }))
    .sort((a, b) => a.position - b.position)
}

/** An invoice in the shape of the client's InvoiceDetail (so the PDF is rendered by the same code), drafts included. */
export interface AdminInvoice extends InvoiceDetail {
  project_id: string | null
  sent_at: string | null
  paid_at: string | null
  created_at: string
  payments_admin: { id: string; amount: number; method: string; reference: string | null; paid_at: string; proof_document_id: string | null; notes: string | null; receipt_number: string | null }[]
}

export async function getAdminInvoice(db: Db, id: string): Promise<AdminInvoice | null> {
  const { data, error } = await db
    .from('invoices')
    .select(
      `id, client_id, project_id, number, status, title, issue_date, due_date, currency, vat_rate, subtotal_ht, vat_amount, total_ttc,
       amount_paid, balance_due, notes, canceled_at, cancel_reason, sent_at, paid_at, created_at,
       projects(title), quotes(id, number), clients(${CLIENT_COLUMNS}),
       invoice_items(${ITEM_COLUMNS}),
       payments(id, amount, method, payment_method_detail, transaction_id, operator_id, reference, paid_at, proof_document_id, notes, receipts(id, number, issued_at)),
       credit_notes(id, number, amount, reason, issued_at),
       payment_attempts(id, transaction_id, status, amount, failure_reason, created_at)`,
    )
    .eq('id', id)
    .maybeSingle()
  if (error) failed('facture', error)
  if (!data) return null
  const row = data as RawRow
  const payments = ((row.payments ?? []) as RawRow[]).toSorted((a, b) => String(a.paid_at).localeCompare(String(b.paid_at)))
  const note = one<RawRow>(row.credit_notes)
  return {
    id: row.id,
    client_id: row.client_id,
    project_id: row.project_id,
    number: row.number,
    status: row.status,
    title: row.title,
    issue_date: row.issue_date,
    due_date: row.due_date,
    currency: row.currency,
    vat_rate: Number(row.vat_rate),
    subtotal_ht: Number(row.subtotal_ht),
    vat_amount: Number(row.vat_amount),
    total_ttc: Number(row.total_ttc),
    amount_paid: Number(row.amount_paid),
    balance_due: Number(row.balance_due),
    notes: row.notes,
    canceled_at: row.canceled_at,
    cancel_reason: row.cancel_reason,
    sent_at: row.sent_at,
    paid_at: row.paid_at,
    created_at: row.created_at,
    project_title: one<{ title: string }>(row.projects)?.title ?? null,
    quote: one<{ id: string; number: string | null }>(row.quotes),
    client: one<ClientCompany>(row.clients)!,
    items: items(row.invoice_items),
    payments: payments.map((p) => ({
      id: p.id,
      amount: Number(p.amount),
      method: p.method,
      payment_method_detail: p.payment_method_detail,
      transaction_id: p.transaction_id,
      operator_id: p.operator_id,
      reference: p.reference,
      paid_at: p.paid_at,
      receipt: one(p.receipts),
    })),
    payments_admin: payments.map((p) => ({
      id: p.id,
      amount: Number(p.amount),
      method: p.method,
      reference: p.reference,
      paid_at: p.paid_at,
      proof_document_id: p.proof_document_id,
      notes: p.notes,
      receipt_number: one<{ number: string }>(p.receipts)?.number ?? null,
    })),
    credit_note: note ? { id: note.id, number: note.number, amount: Number(note.amount), reason: note.reason, issued_at: note.issued_at } : null,
    attempts: ((row.payment_attempts ?? []) as RawRow[])
      .map((a) => ({ id: a.id, transaction_id: a.transaction_id, status: a.status, amount: Number(a.amount), failure_reason: a.failure_reason, created_at: a.created_at }))
      .sort((a, b) => b.created_at.localeCompare(a.created_at)),
  }
}

export interface AdminQuote extends QuoteDetail {
  project_id: string | null
  sent_at: string | null
  created_at: string
  invoices_all: { id: string; number: string | null; status: string }[]
}

export async function getAdminQuote(db: Db, id: string): Promise<AdminQuote | null> {
  const { data, error } = await db
    .from('quotes')
    .select(
      `id, client_id, project_id, number, status, title, issue_date, valid_until, currency, vat_rate, subtotal_ht, vat_amount, total_ttc,
       notes, terms, accepted_at, signer_name, declined_at, decline_reason, sent_at, created_at,
       projects(title), clients(${CLIENT_COLUMNS}), quote_items(${ITEM_COLUMNS}), invoices(id, number, status)`,
    )
    .eq('id', id)
    .maybeSingle()
  if (error) failed('devis', error)
  if (!data) return null
  const row = data as RawRow
  const invoices = (row.invoices ?? []) as { id: string; number: string | null; status: string }[]
  return {
    id: row.id,
    client_id: row.client_id,
    project_id: row.project_id,
    number: row.number,
    status: row.status,
    title: row.title,
    issue_date: row.issue_date,
    valid_until: row.valid_until,
    currency: row.currency,
    vat_rate: Number(row.vat_rate),
    subtotal_ht: Number(row.subtotal_ht),
    vat_amount: Number(row.vat_amount),
    total_ttc: Number(row.total_ttc),
    notes: row.notes,
    terms: row.terms,
    accepted_at: row.accepted_at,
    signer_name: row.signer_name,
    declined_at: row.declined_at,
    decline_reason: row.decline_reason,
    sent_at: row.sent_at,
    created_at: row.created_at,
    project_title: one<{ title: string }>(row.projects)?.title ?? null,
    client: one<ClientCompany>(row.clients)!,
    items: items(row.quote_items),
    invoices: invoices.filter((i) => i.status !== 'draft') as QuoteDetail['invoices'],
    invoices_all: invoices,
  }
}

/** Section — writes */

function header(kind: DocKind, input: BillingDocumentInput) {
  return {
    client_id: input.client_id,
    project_id: input.project_id ?? null,
    title: input.title,
    vat_rate: input.vat_rate,
    notes: input.notes ?? null,
    [DEADLINE[kind]]: input.deadline ?? null,
    ...(kind === 'devis' ? { terms: input.terms ?? null } : {}),
  }
}

const itemRows = (kind: DocKind, parentId: string, list: LineItemInput[]) =>
  list.map((item, position) => ({
    [PARENT[kind]]: parentId,
    position,
    label: item.label,
    description: item.description ?? null,
    quantity: item.quantity,
    unit_price: item.unit_price,
  }))

/**
 * A new draft: the header, then its lines (the items trigger recomputes the
 * totals). If the lines are refused, the empty draft is removed again.
 */
export async function createDraft(db: Db, kind: DocKind, input: BillingDocumentInput): Promise<{ id: string }> {
  const created = check(await db.from(TABLE[kind]).insert(header(kind, input)).select('id').single(), `création ${kind}`) as { id: string }
  const lines = await db.from(ITEMS[kind]).insert(itemRows(kind, created.id, input.items))
  if (lines.error) {
    await db.from(TABLE[kind]).delete().eq('id', created.id)
    check(lines, `lignes ${kind}`)
  }
  return { id: created.id }
}

/**
 * Saves a draft: header, then the new lines are inserted BEFORE the old ones
 * are deleted, so a refused insert never leaves a draft without its lines.
 * The database refuses all of it once the document is issued.
 */
export async function updateDraft(db: Db, kind: DocKind, id: string, input: BillingDocumentInput) {
  const rows = check(await db.from(TABLE[kind]).update(header(kind, input)).eq('id', id).eq('status', 'draft').select('id'), kind)
  if (!rows?.length) throw new AdminWriteError(kind === 'facture' ? 'Seule une facture brouillon se modifie : émettez un avoir.' : 'Seul un devis brouillon se modifie.', 'not_draft', 409)
  const { data: old, error } = await db.from(ITEMS[kind]).select('id').eq(PARENT[kind], id)
  if (error) check({ data: null, error }, `lignes ${kind}`)
  check(await db.from(ITEMS[kind]).insert(itemRows(kind, id, input.items)), `lignes ${kind}`)
  const oldIds = (old ?? []).map((r: RawRow) => r.id as string)
  if (oldIds.length) check(await db.from(ITEMS[kind]).delete().in('id', oldIds), `lignes ${kind}`)
}

/** draft → sent: the database assigns the number, the dates, and makes the document visible to the client. */
export async function sendDocument(db: Db, kind: DocKind, id: string) {
  const rows = check(await db.from(TABLE[kind]).update({ status: 'sent' }).eq('id', id).select('id, number'), `envoi ${kind}`)
  return requireRow(rows, kind === 'facture' ? 'Facture' : 'Devis') as { id: string; number: string }
}

export async function deleteDraft(db: Db, kind: DocKind, id: string) {
  const rows = check(await db.from(TABLE[kind]).delete().eq('id', id).select('id'), `suppression ${kind}`)
  return requireRow(rows, kind === 'facture' ? 'Facture' : 'Devis')
}

export async function duplicateInvoice(db: Db, id: string): Promise<{ id: string }> {
  return check(await db.rpc('duplicate_invoice', { p_invoice_id: id }).single(), 'duplication') as { id: string }
}

export async function invoiceFromQuote(db: Db, quoteId: string): Promise<{ id: string }> {
  return check(await db.rpc('create_invoice_from_quote', { p_quote_id: quoteId }).single(), 'facture depuis devis') as { id: string }
}

/** Cancels: a draft simply; an issued invoice gets its credit note (AVO-…) from the database. */
export async function cancelInvoice(db: Db, id: string, reason: string) {
  return check(await db.rpc('cancel_invoice', { p_invoice_id: id, p_reason: reason }).single(), 'annulation') as { status: string }
}

/**
 * A transfer or cash payment: the proof (optional) is stored first in the
 * client's folder (internal), then record_manual_payment() inserts the
 * payment; the triggers update amount_paid, the status and issue the receipt.
 */
export async function recordManualPayment(
  db: Db,
  invoice: Pick<AdminInvoice, 'id' | 'client_id' | 'project_id' | 'number'>,
  input: ManualPaymentInput,
  proof: File | null,
) {
  let proofId: string | null = null
  if (proof) {
    const doc = await uploadDocument(db, proof, {
      clientId: invoice.client_id,
      projectId: invoice.project_id,
      folder: 'Paiements',
      visibility: 'internal',
      label: `Justificatif de paiement ${invoice.number ?? ''}`.trim(),
    })
    proofId = doc.id
  }
  return check(
    await db
      .rpc('record_manual_payment', {
        p_invoice_id: invoice.id,
        p_amount: input.amount,
        p_method: input.method,
        p_reference: input.reference ?? null,
        // Noon in Abidjan (UTC+0): the receipt's year and the day shown never shift.
        p_paid_at: `${input.paid_on}T12:00:00Z`,
        p_proof_document_id: proofId,
        p_notes: input.notes ?? null,
      })
      .single(),
    'paiement manuel',
  ) as { id: string }
}
