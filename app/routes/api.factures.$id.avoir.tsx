import { notFound } from '~/lib/billing/errors.server.ts'
import { loadForPdf, renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { creditNotePdf, pdfResponse } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.factures.$id.avoir'

/** GET /api/factures/:id/avoir — the credit note (avoir) that cancelled this invoice. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { doc, seller } = await loadForPdf({ request, context }, 'invoice', params.id)
  const render = creditNotePdf(doc, seller)
  if (!render) notFound('Cette facture n’a pas d’avoir.')
  const bytes = await renderOr500(() => render, 'de l’avoir')
  return pdfResponse(bytes, 'avoir', doc.credit_note?.number ?? null, false)
}
