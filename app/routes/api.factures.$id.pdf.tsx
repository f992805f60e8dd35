import { loadForPdf, renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { invoicePdf, pdfResponse } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.factures.$id.pdf'

/** GET /api/factures/:id/pdf — the invoice as a PDF, for members of its company only (404 otherwise). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { doc, seller } = await loadForPdf({ request, context }, 'invoice', params.id)
  const bytes = await renderOr500(() => invoicePdf(doc, seller), 'de la facture')
  return pdfResponse(bytes, 'facture', doc.number, new URL(request.url).searchParams.has('apercu'))
}
