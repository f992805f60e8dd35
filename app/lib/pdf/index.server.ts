// PDF documents of Espace Client NOURX: devis, factures, avoirs and reçus,
// generated in the Worker with pdf-lib. Pure functions of their input: route
// code loads the rows, maps them to these shapes (schema.ts) and streams the
// bytes back (`Content-Type: application/pdf`). Admin previews call the same
// functions, so the preview is the client's PDF byte for byte in layout.
import { z } from 'zod'
import { INTER } from './fonts/index.ts'
import { drawCreditNote, drawInvoice, drawQuote, drawReceipt, type PdfFontFiles } from './render.ts'
import {
  PdfCreditNoteSchema,
  PdfInvoiceSchema,
  PdfQuoteSchema,
  PdfReceiptSchema,
  PdfSellerSchema,
  type PdfCreditNoteInput,
  type PdfInvoiceInput,
  type PdfQuoteInput,
  type PdfReceiptInput,
  type PdfSellerInput,
} from './schema.ts'

export * from './schema.ts'
export { clientFromRow, sellerFromSettings, type ClientRow, type SettingsRow } from './from-rows.ts'
export type { PdfFontFiles } from './render.ts'

export interface RenderOptions {
  /** Other TrueType fonts (tests); defaults to the bundled Inter. */
  fonts?: PdfFontFiles
}

/**
 * Thrown when the data handed to a render function is invalid: a bug in the
 * route's mapping, never the user's fault. `message` is French and lists
 * every problem with its path; `issues` keeps zod's detail.
 */
export class PdfInputError extends Error {
  readonly issues: z.core.$ZodIssue[]
  /** `document`: "du devis", "de la facture"… */
  constructor(document: string, error: z.ZodError) {
    super(`Données ${document} invalides pour le PDF :\n${z.prettifyError(error)}`)
    this.name = 'PdfInputError'
    this.issues = error.issues
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, document: string): z.output<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw new PdfInputError(document, result.error)
  return result.data
}

/** Devis (DEV-YYYY-NNNNN) as a PDF. */
export async function renderQuotePdf(
  quote: PdfQuoteInput,
  seller: PdfSellerInput,
  options: RenderOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return drawQuote(
    parse(PdfQuoteSchema, quote, 'du devis'),
    parse(PdfSellerSchema, seller, 'de l’entreprise (paramètres)'),
    options.fonts ?? INTER,
  )
}

/** Facture (FAC-YYYY-NNNNN) as a PDF. */
export async function renderInvoicePdf(
  invoice: PdfInvoiceInput,
  seller: PdfSellerInput,
  options: RenderOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return drawInvoice(
    parse(PdfInvoiceSchema, invoice, 'de la facture'),
    parse(PdfSellerSchema, seller, 'de l’entreprise (paramètres)'),
    options.fonts ?? INTER,
  )
}

/** Avoir (AVO-YYYY-NNNNN) as a PDF. */
export async function renderCreditNotePdf(
  creditNote: PdfCreditNoteInput,
  seller: PdfSellerInput,
  options: RenderOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return drawCreditNote(
    parse(PdfCreditNoteSchema, creditNote, 'de l’avoir'),
    parse(PdfSellerSchema, seller, 'de l’entreprise (paramètres)'),
    options.fonts ?? INTER,
  )
}

/** Reçu de paiement (REC-YYYY-NNNNN) as a PDF. */
export async function renderReceiptPdf(
  receipt: PdfReceiptInput,
  seller: PdfSellerInput,
  options: RenderOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  return drawReceipt(
    parse(PdfReceiptSchema, receipt, 'du reçu'),
    parse(PdfSellerSchema, seller, 'de l’entreprise (paramètres)'),
    options.fonts ?? INTER,
  )
}

/** File name for Content-Disposition: "FAC-2026-00042.pdf", "devis-brouillon.pdf". */
export function pdfFileName(kind: 'devis' | 'facture' | 'avoir' | 'recu', number: string | null | undefined): string {
  return number ? `${number}.pdf` : `${kind}-brouillon.pdf`
}

/**
 * The HTTP response of a PDF route, the same for the client's download and
 * the admin's preview (`inline`). Documents hold personal and financial data:
 * never cached by shared caches or kept by the browser.
 */
export function pdfResponse(
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
  { inline = false }: { inline?: boolean } = {},
): Response {
  // ASCII fallback plus RFC 5987 UTF-8 name (document numbers are ASCII already).
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return new Response(bytes, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
