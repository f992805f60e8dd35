// Shared body of the PDF resource routes: authorise first (a client of the
// document's company, through the user-scoped client so RLS decides), answer
// 404 for anything not visible, then render in the Worker.
import type { RouterContextProvider } from 'react-router'
import { data } from 'react-router'
import { requireClient } from '../auth.server.ts'
import { getEnv, getSupabase } from '../context.server.ts'
import { PdfInputError } from '../pdf/index.server.ts'
import { isUuid, notFound, unavailable } from './errors.server.ts'
import { getInvoice, getQuote, type InvoiceDetail, type QuoteDetail } from './get-document.server.ts'
import { loadSeller } from './pdf.server.ts'
import type { PdfSellerInput } from '../pdf/index.server.ts'

type Args = { request: Request; context: Pick<RouterContextProvider, 'get'> }

export async function loadForPdf(
  args: Args,
  kind: 'invoice',
  id: string | undefined,
): Promise<{ doc: InvoiceDetail; seller: PdfSellerInput }>
export async function loadForPdf(
  args: Args,
  kind: 'quote',
  id: string | undefined,
): Promise<{ doc: QuoteDetail; seller: PdfSellerInput }>
export async function loadForPdf(args: Args, kind: 'invoice' | 'quote', id: string | undefined) {
  await requireClient(args)
  const message = kind === 'invoice' ? 'Facture introuvable.' : 'Devis introuvable.'
  if (!isUuid(id)) notFound(message)
  const supabase = getSupabase(args.context)
  // The document and the seller in parallel; the logo download follows the settings.
  const [doc, seller] = await Promise.all([
    kind === 'invoice' ? getInvoice(supabase, id) : getQuote(supabase, id),
    loadSeller(supabase, getEnv(args.context).APP_URL),
  ])
  if (!doc.ok) unavailable(`pdf:${kind}`, doc.error)
  if (!doc.value) notFound(message)
  if (!seller.ok) unavailable('pdf:settings', seller.error)
  return { doc: doc.value, seller: seller.value }
}

/** Rendering failures are our bug (mapping, data): logged with detail, French 500 for the user. */
export async function renderOr500(render: () => Promise<Uint8Array>, what: string): Promise<Uint8Array> {
  try {
    return await render()
  } catch (error) {
    console.error(`[pdf] ${what} : ${error instanceof PdfInputError ? error.message : String(error)}`)
    throw data({ message: `Le PDF ${what} n’a pas pu être généré. NOURX a été prévenu ; réessayez plus tard.` }, { status: 500 })
  }
}
