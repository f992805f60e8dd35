// Invoices and quotes in the back office. The database owns the money rules
// (see migration 05): line totals, HT/TVA/TTC, numbering on send, status
// machines, immutability once issued, credit notes, payments → receipts and
// the paid status. This module only writes what the admin typed and calls
// the RPCs; every figure shown after a save is read back from the database.
import {
  one,
  readInvoiceRow,
  readQuoteRow,
  toInvoiceDetail,
  toQuoteDetail,
  type InvoiceDetail,
  type QuoteDetail,
  type RawRow,
} from '../../billing/get-document.server.ts'
import { AdminWriteError, check, requireRow, type Db, type DbError } from '../db.ts'
import { ilikeTerm, pageRange, type ListParams } from '../list.ts'
import { deleteDocument, uploadDocument } from '../tasks/upload.server.ts'
import type { BillingDocumentInput, DocKind, LineItemInput, ManualPaymentInput } from './schemas.ts'

const TABLE = { facture: 'invoices', devis: 'quotes' } as const
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

/** An invoice in the shape of the client's InvoiceDetail (so the PDF is rendered by the same code), drafts included. */
export interface AdminInvoice extends InvoiceDetail {
  project_id: string | null
  sent_at: string | null
  paid_at: string | null
  created_at: string
  payments_admin: { id: string; amount: number; method: string; reference: string | null; paid_at: string; proof_document_id: string | null; notes: string | null; receipt_number: string | null }[]
}

/**
 * The client's read (app/lib/billing/get-document.server.ts) with drafts and
 * the back office's columns on top: one mapping for both sides, so the admin
 * preview shows what the client gets.
 */
export async function getAdminInvoice(db: Db, id: string): Promise<AdminInvoice | null> {
  const read = await readInvoiceRow(db, id, {
    includeDrafts: true,
    columns: 'project_id, sent_at, paid_at, created_at',
    paymentColumns: 'proof_document_id, notes',
  })
  if (!read.ok) failed('facture', read.error)
  const row = read.value
  if (!row) return null
  const payments = ((row.payments ?? []) as RawRow[]).toSorted((a, b) => String(a.paid_at).localeCompare(String(b.paid_at)))
  return {
    ...toInvoiceDetail(row),
    project_id: row.project_id,
    sent_at: row.sent_at,
    paid_at: row.paid_at,
    created_at: row.created_at,
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
  }
}

export interface AdminQuote extends QuoteDetail {
  project_id: string | null
  sent_at: string | null
  created_at: string
  invoices_all: { id: string; number: string | null; status: string }[]
}

export async function getAdminQuote(db: Db, id: string): Promise<AdminQuote | null> {
  const read = await readQuoteRow(db, id, { includeDrafts: true, columns: 'project_id, sent_at, created_at' })
  if (!read.ok) failed('devis', read.error)
  const row = read.value
  if (!row) return null
  return {
    ...toQuoteDetail(row),
    project_id: row.project_id,
    sent_at: row.sent_at,
    created_at: row.created_at,
    invoices_all: (row.invoices ?? []) as AdminQuote['invoices_all'],
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

/** The editor's lines as replace_document_items() takes them (positions follow the array). */
const itemsJson = (list: LineItemInput[]) =>
  list.map((item) => ({ label: item.label, description: item.description ?? null, quantity: item.quantity, unit_price: item.unit_price }))

const RPC_KIND = { facture: 'invoice', devis: 'quote' } as const

/** Database refusals of a draft's save or creation, in the admin's words. */
function refused(error: DbError, kind: DocKind): never {
  // Issued meanwhile (or from the start): the editor is stale, not the input wrong.
  if (error.hint === 'not_draft') throw new AdminWriteError(error.message, 'not_draft', 409)
  if (error.code === 'P0002') throw new AdminWriteError(error.message, 'not_found', 404)
  // quantity × unit price beyond a bigint: each is within the form's bounds, their product is not.
  if (error.code === '22003') throw new AdminWriteError('Le montant d’une ligne dépasse la limite : réduisez la quantité ou le prix.', error.code, 400)
  check({ data: null, error }, `lignes ${kind}`)
  throw new AdminWriteError('Enregistrement refusé.', error.code, 400)
}

/**
 * Replaces every line of a draft, and its header when given, in ONE database
 * transaction (replace_document_items(), migration 14): a refused line leaves
 * the draft exactly as it was. The triggers recompute the totals.
 */
async function replaceItems(db: Db, kind: DocKind, id: string, list: LineItemInput[], head: Record<string, unknown> | null) {
  const { error } = await db.rpc('replace_document_items', { p_kind: RPC_KIND[kind], p_id: id, p_items: itemsJson(list), p_header: head })
  if (error) refused(error, kind)
}

/**
 * A new draft, header and lines, in ONE transaction (create_document_draft(),
 * migration 19): a refused line leaves no document behind.
 */
export async function createDraft(db: Db, kind: DocKind, input: BillingDocumentInput): Promise<{ id: string }> {
  const { data, error } = await db.rpc('create_document_draft', {
    p_kind: RPC_KIND[kind],
    p_header: header(kind, input),
    p_items: itemsJson(input.items),
  })
  if (error) refused(error, kind)
  return { id: (data as { id: string }).id }
}

/** Saves a draft: header and lines together, all or nothing; refused once the document is issued. */
export async function updateDraft(db: Db, kind: DocKind, id: string, input: BillingDocumentInput) {
  await replaceItems(db, kind, id, input.items, header(kind, input))
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
 * If the database refuses the payment (over the balance, invoice not payable…)
 * the proof just stored is removed again: no orphan file in the client's folder.
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
  const result = await db
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
    .single()
  if (result.error && proofId) await deleteDocument(db, proofId).catch((error) => console.error('[admin] justificatif non retiré :', error))
  return check(result, 'paiement manuel') as { id: string }
}
