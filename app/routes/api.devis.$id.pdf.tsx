import { loadForPdf, renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { pdfResponse, quotePdf } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.devis.$id.pdf'

/** GET /api/devis/:id/pdf — the quote as a PDF, for members of its company only (404 otherwise). */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { doc, seller } = await loadForPdf({ request, context }, 'quote', params.id)
  const bytes = await renderOr500(() => quotePdf(doc, seller), 'du devis')
  return pdfResponse(bytes, 'devis', doc.number, new URL(request.url).searchParams.has('apercu'))
}
