// Database rows → the PDF module's inputs (app/lib/pdf), and the response
// that carries the bytes. The seller comes from the settings row and the
// logo from the `branding` bucket, both readable by any signed-in user, so
// the user-scoped client is enough: no service role anywhere on this path.
import {
  pdfFileName,
  renderCreditNotePdf,
  renderInvoicePdf,
  renderQuotePdf,
  renderReceiptPdf,
  type PdfSellerInput,
} from '../pdf/index.server.ts'
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { DbError } from './errors.server.ts'
import type { ClientCompany, InvoiceDetail, QuoteDetail } from './get-document.server.ts'

type Loaded<T> = { ok: true; value: T } | { ok: false; error: DbError }

/** Settings row + logo bytes → PDF seller (a missing logo simply prints the name). */
export async function loadSeller(supabase: AppSupabaseClient, appUrl: string): Promise<Loaded<PdfSellerInput>> {
  const { data: s, error } = await supabase.from('settings').select('*').maybeSingle()
  if (error) return { ok: false, error }
  if (!s) return { ok: false, error: { message: 'settings row missing' } }
  let logo: Uint8Array<ArrayBuffer> | undefined
  if (s.logo_path) {
    const { data: blob, error: logoError } = await supabase.storage.from('branding').download(s.logo_path)
    if (blob) logo = new Uint8Array(await blob.arrayBuffer())
    else console.error(`[pdf] logo illisible (${s.logo_path}) : ${logoError?.message ?? 'inconnu'}`)
  }
  return {
    ok: true,
    value: {
      name: s.company_name,
      logo,
      accentColor: s.accent_color,
      legalName: s.legal_name,
      legalForm: s.legal_form,
      capital: s.capital,
      ncc: s.ncc,
      rccm: s.rccm,
      taxRegime: s.tax_regime,
      address: s.address,
      city: s.city,
      country: s.country,
      phone: s.phone,
      email: s.email,
      website: s.website,
      bank: {
        bankName: s.bank_name,
        accountHolder: s.bank_account_holder,
        accountNumber: s.bank_account_number,
        iban: s.bank_iban,
        swift: s.bank_swift,
      },
      invoiceFooter: s.invoice_footer,
      quoteTerms: s.quote_terms,
      paymentInstructions: s.manual_payment_instructions,
      portalUrl: s.online_payment_enabled ? `${appUrl}/factures-devis` : undefined,
    },
  }
}

function pdfClient(c: ClientCompany) {
  return {
    name: c.name,
    contactName: c.contact_name,
    address: c.address,
    city: c.city,
    country: c.country,
    email: c.email,
    phone: c.phone,
    ncc: c.ncc,
    rccm: c.rccm,
  }
}

function pdfItems(items: InvoiceDetail['items']) {
  return items.map((i) => ({
    label: i.label,
    description: i.description,
    quantity: i.quantity,
    unitPrice: i.unit_price,
    lineTotal: i.line_total,
  }))
}

function pdfTotals(d: { subtotal_ht: number; vat_rate: number; vat_amount: number; total_ttc: number }) {
  return { subtotalHt: d.subtotal_ht, vatRate: d.vat_rate, vatAmount: d.vat_amount, totalTtc: d.total_ttc }
}

export function invoicePdf(invoice: InvoiceDetail, seller: PdfSellerInput): Promise<Uint8Array> {
  return renderInvoicePdf(
    {
      number: invoice.number,
      status: invoice.status,
      title: invoice.title,
      projectTitle: invoice.project_title,
      quoteNumber: invoice.quote?.number ?? null,
      issueDate: invoice.issue_date,
      dueDate: invoice.due_date,
      client: pdfClient(invoice.client),
      items: pdfItems(invoice.items),
      totals: pdfTotals(invoice),
      amountPaid: invoice.amount_paid,
      // The database's balance_due is 0 once canceled; the PDF module checks
      // TTC − paid = balance and says "annulée, rien n'est dû" itself.
      balanceDue: invoice.balance_due,
      payments: invoice.payments.map((p) => ({
        paidAt: p.paid_at,
        amount: p.amount,
        method: p.method,
        methodDetail: p.payment_method_detail,
        transactionId: p.transaction_id,
        reference: p.reference,
        receiptNumber: p.receipt?.number ?? null,
      })),
      notes: invoice.notes,
      creditNote: invoice.credit_note ? { number: invoice.credit_note.number, issuedAt: invoice.credit_note.issued_at } : null,
    },
    seller,
  )
}

export function quotePdf(quote: QuoteDetail, seller: PdfSellerInput): Promise<Uint8Array> {
  return renderQuotePdf(
    {
      number: quote.number,
      status: quote.status,
      title: quote.title,
      projectTitle: quote.project_title,
      issueDate: quote.issue_date,
      validUntil: quote.valid_until,
      client: pdfClient(quote.client),
      items: pdfItems(quote.items),
      totals: pdfTotals(quote),
      notes: quote.notes,
      terms: quote.terms,
      acceptance:
        quote.status === 'accepted' && quote.signer_name && quote.accepted_at
          ? { signerName: quote.signer_name, acceptedAt: quote.accepted_at }
          : null,
      decline: quote.status === 'declined' && quote.declined_at ? { declinedAt: quote.declined_at, reason: quote.decline_reason } : null,
    },
    seller,
  )
}

/**
 * Receipt of one payment. The invoice's paid total "including this payment"
 * is the sum of the payments up to and including it, in payment order, so a
 * receipt reprinted later still shows what was due at that moment.
 */
export function receiptPdf(invoice: InvoiceDetail, receiptId: string, seller: PdfSellerInput): Promise<Uint8Array> | null {
  const index = invoice.payments.findIndex((p) => p.receipt?.id === receiptId)
  if (index < 0 || !invoice.number) return null
  const payment = invoice.payments[index]
  const paidSoFar = invoice.payments.slice(0, index + 1).reduce((sum, p) => sum + p.amount, 0)
  return renderReceiptPdf(
    {
      number: payment.receipt!.number,
      issuedAt: payment.receipt!.issued_at,
      client: pdfClient(invoice.client),
      payment: {
        paidAt: payment.paid_at,
        amount: payment.amount,
        method: payment.method,
        methodDetail: payment.payment_method_detail,
        transactionId: payment.transaction_id,
        reference: payment.reference,
        operatorId: payment.operator_id,
      },
      invoice: {
        number: invoice.number,
        title: invoice.title,
        totalTtc: invoice.total_ttc,
        amountPaid: paidSoFar,
        balanceDue: invoice.total_ttc - paidSoFar,
      },
    },
    seller,
  )
}

export function creditNotePdf(invoice: InvoiceDetail, seller: PdfSellerInput): Promise<Uint8Array> | null {
  const note = invoice.credit_note
  if (!note || !invoice.number) return null
  return renderCreditNotePdf(
    {
      number: note.number,
      issuedAt: note.issued_at,
      invoice: { number: invoice.number, issueDate: invoice.issue_date, title: invoice.title },
      client: pdfClient(invoice.client),
      reason: note.reason,
      items: pdfItems(invoice.items),
      totals: pdfTotals(invoice),
    },
    seller,
  )
}

/**
 * The PDF as a download. `private, no-store`: an invoice must never sit in a
 * shared cache. The file name is ASCII (FAC-2026-00042.pdf), so the plain
 * `filename=` form is enough.
 */
export function pdfResponse(bytes: Uint8Array, kind: 'devis' | 'facture' | 'avoir' | 'recu', number: string | null, inline: boolean) {
  const name = pdfFileName(kind, number)
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
