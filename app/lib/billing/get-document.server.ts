// One invoice or one quote with everything its page and its PDF show, in one
// embedded select (lines, payments with their receipts, credit note, online
// attempts, client company, project). RLS decides visibility: a row of
// another company, a draft or an unknown id all come back as `null`, and the
// routes answer 404 for all three alike. The back office reads through the
// same functions with `includeDrafts` (app/lib/admin/billing/billing.server.ts),
// so its pages and PDF preview use exactly the client's mapping.
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { DbError } from './errors.server.ts'
import type { InvoiceStatus, QuoteStatus } from './status.ts'

export interface LineItem {
  id: string
  position: number
  label: string
  description: string | null
  quantity: number
  unit_price: number
  line_total: number
}

export interface ClientCompany {
  name: string
  contact_name: string | null
  address: string | null
  city: string | null
  country: string | null
  email: string | null
  phone: string | null
  ncc: string | null
  rccm: string | null
}

export interface PaymentWithReceipt {
  id: string
  amount: number
  method: 'online' | 'transfer' | 'cash'
  payment_method_detail: string | null
  transaction_id: string | null
  operator_id: string | null
  reference: string | null
  paid_at: string
  receipt: { id: string; number: string; issued_at: string } | null
}

export interface PaymentAttemptSummary {
  id: string
  transaction_id: string
  status: string
  amount: number
  failure_reason: string | null
  created_at: string
}

export interface InvoiceDetail {
  id: string
  client_id: string
  number: string | null
  status: InvoiceStatus
  title: string
  issue_date: string | null
  due_date: string | null
  /** Last reminder of this invoice (automatic or by NOURX), if any. */
  last_reminder_at: string | null
  currency: string
  vat_rate: number
  subtotal_ht: number
  vat_amount: number
  total_ttc: number
  amount_paid: number
  balance_due: number
  notes: string | null
  canceled_at: string | null
  cancel_reason: string | null
  project_title: string | null
  quote: { id: string; number: string | null } | null
  client: ClientCompany
  items: LineItem[]
  payments: PaymentWithReceipt[]
  credit_note: { id: string; number: string; amount: number; reason: string; issued_at: string } | null
  attempts: PaymentAttemptSummary[]
}

export interface QuoteDetail {
  id: string
  client_id: string
  number: string | null
  status: QuoteStatus
  title: string
  issue_date: string | null
  valid_until: string | null
  currency: string
  vat_rate: number
  subtotal_ht: number
  vat_amount: number
  total_ttc: number
  notes: string | null
  terms: string | null
  accepted_at: string | null
  signer_name: string | null
  declined_at: string | null
  decline_reason: string | null
  project_title: string | null
  client: ClientCompany
  items: LineItem[]
  invoices: Array<{ id: string; number: string | null; status: InvoiceStatus }>
}

type Loaded<T> = { ok: true; value: T | null } | { ok: false; error: DbError }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawRow = Record<string, any>

/**
 * How a document is read. The client's pages use the defaults. The back
 * office reads the same document (same embeds, same mapping, hence the same
 * PDF) with drafts included and a few columns of its own on top.
 */
export interface ReadOptions {
  /** Drafts are left out unless asked for (RLS hides them from clients anyway). */
  includeDrafts?: boolean
  /** Extra columns of the document row, e.g. 'project_id, sent_at'. */
  columns?: string
  /** Extra columns of each embedded payment (invoices only). */
  paymentColumns?: string
}

const CLIENT_COLUMNS = 'name, contact_name, address, city, country, email, phone, ncc, rccm'
const ITEM_COLUMNS = 'id, position, label, description, quantity, unit_price, line_total'
const extra = (columns: string | undefined) => (columns ? `, ${columns}` : '')

/** PostgREST returns a to-one embed as an object (or null); tolerate a one-element array. */
export function one<T>(value: T | T[] | null | undefined): T | null {
  if (Array.isArray(value)) return value[0] ?? null
  return value ?? null
}

function items(raw: unknown): LineItem[] {
  return ((raw as LineItem[] | null) ?? [])
    .map((i) => ({ ...i, quantity: Number(i.quantity), unit_price: Number(i.unit_price), line_total: Number(i.line_total) }))
    .sort((a, b) => a.position - b.position)
}

/** The raw invoice row with its embeds (null when not visible, or a draft unless includeDrafts). */
export async function readInvoiceRow(supabase: AppSupabaseClient, id: string, options: ReadOptions = {}): Promise<Loaded<RawRow>> {
  let query = supabase
    .from('invoices')
    .select(
      `id, client_id, number, status, title, issue_date, due_date, last_reminder_at, currency, vat_rate, subtotal_ht, vat_amount, total_ttc,
       amount_paid, balance_due, notes, canceled_at, cancel_reason${extra(options.columns)},
       projects(title), quotes(id, number), clients(${CLIENT_COLUMNS}),
       invoice_items(${ITEM_COLUMNS}),
       payments(id, amount, method, payment_method_detail, transaction_id, operator_id, reference, paid_at${extra(options.paymentColumns)}, receipts(id, number, issued_at)),
       credit_notes(id, number, amount, reason, issued_at),
       payment_attempts(id, transaction_id, status, amount, failure_reason, created_at)`,
    )
    .eq('id', id)
  if (!options.includeDrafts) query = query.neq('status', 'draft')
  const { data, error } = await query.maybeSingle()
  if (error) return { ok: false, error }
  return { ok: true, value: (data as RawRow | null) ?? null }
}

/** A row of readInvoiceRow() in the shape the pages and the PDF use. */
export function toInvoiceDetail(row: RawRow): InvoiceDetail {
  return {
    id: row.id,
    client_id: row.client_id,
    number: row.number,
    status: row.status,
    title: row.title,
    issue_date: row.issue_date,
    due_date: row.due_date,
    last_reminder_at: row.last_reminder_at ?? null,
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
    project_title: one<{ title: string }>(row.projects)?.title ?? null,
    quote: one<{ id: string; number: string | null }>(row.quotes),
    client: one<ClientCompany>(row.clients)!,
    items: items(row.invoice_items),
    payments: ((row.payments as RawRow[] | null) ?? [])
      .map((p) => ({
        id: p.id,
        amount: Number(p.amount),
        method: p.method,
        payment_method_detail: p.payment_method_detail,
        transaction_id: p.transaction_id,
        operator_id: p.operator_id,
        reference: p.reference,
        paid_at: p.paid_at,
        receipt: one(p.receipts),
      }))
      .sort((a, b) => a.paid_at.localeCompare(b.paid_at)),
    credit_note: (() => {
      const note = one<{ id: string; number: string; amount: number; reason: string; issued_at: string }>(row.credit_notes)
      return note ? { ...note, amount: Number(note.amount) } : null
    })(),
    attempts: ((row.payment_attempts as PaymentAttemptSummary[] | null) ?? [])
      .map((a) => ({ ...a, amount: Number(a.amount) }))
      .sort((a, b) => b.created_at.localeCompare(a.created_at)),
  }
}

export async function getInvoice(
  supabase: AppSupabaseClient,
  id: string,
  options: Pick<ReadOptions, 'includeDrafts'> = {},
): Promise<Loaded<InvoiceDetail>> {
  const read = await readInvoiceRow(supabase, id, options)
  if (!read.ok || !read.value) return read as Loaded<InvoiceDetail>
  return { ok: true, value: toInvoiceDetail(read.value) }
}

/** The raw quote row with its embeds (null when not visible, or a draft unless includeDrafts). */
export async function readQuoteRow(supabase: AppSupabaseClient, id: string, options: ReadOptions = {}): Promise<Loaded<RawRow>> {
  let query = supabase
    .from('quotes')
    .select(
      `id, client_id, number, status, title, issue_date, valid_until, currency, vat_rate, subtotal_ht, vat_amount, total_ttc,
       notes, terms, accepted_at, signer_name, declined_at, decline_reason${extra(options.columns)},
       projects(title), clients(${CLIENT_COLUMNS}), quote_items(${ITEM_COLUMNS}), invoices(id, number, status)`,
    )
    .eq('id', id)
  if (!options.includeDrafts) query = query.neq('status', 'draft')
  const { data, error } = await query.maybeSingle()
  if (error) return { ok: false, error }
  return { ok: true, value: (data as RawRow | null) ?? null }
}

export function toQuoteDetail(row: RawRow): QuoteDetail {
  return {
    id: row.id,
    client_id: row.client_id,
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
    project_title: one<{ title: string }>(row.projects)?.title ?? null,
    client: one<ClientCompany>(row.clients)!,
    items: items(row.quote_items),
    // Only invoices the client can open: drafts are hidden by RLS from clients,
    // and left out here for the admin too (the PDF and the client page agree).
    invoices: ((row.invoices as QuoteDetail['invoices'] | null) ?? []).filter((i) => i.status !== 'draft'),
  }
}

export async function getQuote(
  supabase: AppSupabaseClient,
  id: string,
  options: Pick<ReadOptions, 'includeDrafts'> = {},
): Promise<Loaded<QuoteDetail>> {
  const read = await readQuoteRow(supabase, id, options)
  if (!read.ok || !read.value) return read as Loaded<QuoteDetail>
  return { ok: true, value: toQuoteDetail(read.value) }
}

export interface BillingSettings {
  online_payment_enabled: boolean
  manual_payment_instructions: string | null
  bank_name: string | null
  bank_account_holder: string | null
  bank_account_number: string | null
  bank_iban: string | null
  bank_swift: string | null
  quote_terms: string | null
}

/** The payment-related part of the agency settings (every signed-in user reads them). */
export async function getBillingSettings(supabase: AppSupabaseClient): Promise<Loaded<BillingSettings>> {
  const { data, error } = await supabase
    .from('settings')
    .select(
      'online_payment_enabled, manual_payment_instructions, bank_name, bank_account_holder, bank_account_number, bank_iban, bank_swift, quote_terms',
    )
    .maybeSingle()
  if (error) return { ok: false, error }
  return { ok: true, value: data as BillingSettings | null }
}
