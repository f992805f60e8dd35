// GET /api/admin/devis/:id/pdf — the admin's preview of a quote, drafts
// included, rendered by the same code as the client's download.
import { getAdminQuote } from '~/lib/admin/billing/billing.server.ts'
import { loadAdminPdf } from '~/lib/admin/billing/pdf-route.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { pdfResponse, quotePdf } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.admin.devis.$id.pdf'

export async function loader(args: Route.LoaderArgs) {
  const { doc: quote, seller, preview } = await loadAdminPdf(args, getAdminQuote, 'Devis introuvable.')
  const bytes = await renderOr500(() => quotePdf(quote, seller), 'du devis')
  return pdfResponse(bytes, 'devis', quote.number, preview)
}
