// The Factures & devis list: the company's issued invoices and sent quotes,
// as RLS shows them (drafts are invisible to clients). Two queries in
// parallel: one round trip.
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { BillingFilters } from './schemas.ts'
import type { InvoiceStatus, QuoteStatus } from './status.ts'

export interface InvoiceRow {
  kind: 'invoice'
  id: string
  number: string | null
  title: string
  status: InvoiceStatus
  issue_date: string | null
  due_date: string | null
  total_ttc: number
  balance_due: number
  project_title: string | null
}

export interface QuoteRow {
  kind: 'quote'
  id: string
  number: string | null
  title: string
  status: QuoteStatus
  issue_date: string | null
  valid_until: string | null
  total_ttc: number
  project_title: string | null
}

export type BillingRow = InvoiceRow | QuoteRow

export interface BillingList {
  rows: BillingRow[]
  /** Over every invoice, whatever the filters: what is left to pay and how many quotes wait. */
  summary: { dueCount: number; dueTotal: number; overdueCount: number; quotesToAnswer: number }
}

const INVOICE_FILTER: Record<BillingFilters['statut'], InvoiceStatus[] | null> = {
  tous: null,
  'a-regler': ['sent', 'overdue'],
  'a-valider': [],
  reglees: ['paid'],
  closes: ['canceled'],
}
const QUOTE_FILTER: Record<BillingFilters['statut'], QuoteStatus[] | null> = {
  tous: null,
  'a-regler': [],
  'a-valider': ['sent'],
  reglees: ['accepted'],
  closes: ['declined', 'expired'],
}

type Result = { ok: true; list: BillingList } | { ok: false; error: { code?: string; message: string } }

export async function listBillingDocuments(supabase: AppSupabaseClient, filters: BillingFilters): Promise<Result> {
  const [invoices, quotes] = await Promise.all([
    supabase
      .from('invoices')
      .select('id, number, title, status, issue_date, due_date, total_ttc, balance_due, projects(title)')
      .neq('status', 'draft')
      .order('issue_date', { ascending: false, nullsFirst: false })
      .order('created_at', { ascending: false }),
    supabase
      .from('quotes')
      .select('id, number, title, status, issue_date, valid_until, total_ttc, projects(title)')
      .neq('status', 'draft')
      .order('issue_date', { ascending: false, nullsFirst: false })
      .order('created_at', { ascending: false }),
  ])
  if (invoices.error) return { ok: false, error: invoices.error }
  if (quotes.error) return { ok: false, error: quotes.error }

  const invoiceRows: InvoiceRow[] = (invoices.data ?? []).map((row) => ({
    kind: 'invoice',
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    issue_date: row.issue_date,
    due_date: row.due_date,
    total_ttc: Number(row.total_ttc),
    balance_due: Number(row.balance_due),
    project_title: (row.projects as { title?: string } | null)?.title ?? null,
  }))
  const quoteRows: QuoteRow[] = (quotes.data ?? []).map((row) => ({
    kind: 'quote',
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    issue_date: row.issue_date,
    valid_until: row.valid_until,
    total_ttc: Number(row.total_ttc),
    project_title: (row.projects as { title?: string } | null)?.title ?? null,
  }))

  const due = invoiceRows.filter((r) => (r.status === 'sent' || r.status === 'overdue') && r.balance_due > 0)
  const summary = {
    dueCount: due.length,
    dueTotal: due.reduce((sum, r) => sum + r.balance_due, 0),
    overdueCount: due.filter((r) => r.status === 'overdue').length,
    quotesToAnswer: quoteRows.filter((r) => r.status === 'sent').length,
  }

  const keepInvoice = INVOICE_FILTER[filters.statut]
  const keepQuote = QUOTE_FILTER[filters.statut]
  const rows: BillingRow[] = [
    ...(filters.type === 'devis' ? [] : invoiceRows.filter((r) => !keepInvoice || keepInvoice.includes(r.status))),
    ...(filters.type === 'factures' ? [] : quoteRows.filter((r) => !keepQuote || keepQuote.includes(r.status))),
  ].sort((a, b) => (b.issue_date ?? '').localeCompare(a.issue_date ?? ''))

  return { ok: true, list: { rows, summary } }
}
