// GET /api/admin/factures/:id/pdf — the admin's preview of an invoice, drafts
// included. Same mapping and renderer as the client's download
// (app/lib/billing/pdf.server.ts → app/lib/pdf), so what the admin checks is
// byte-for-byte the layout the client receives. ?apercu opens it inline.
import { getAdminInvoice } from '~/lib/admin/billing/billing.server.ts'
import { loadAdminPdf } from '~/lib/admin/billing/pdf-route.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { invoicePdf, pdfResponse } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.admin.factures.$id.pdf'

export async function loader(args: Route.LoaderArgs) {
  const { doc: invoice, seller, preview } = await loadAdminPdf(args, getAdminInvoice, 'Facture introuvable.')
  const bytes = await renderOr500(() => invoicePdf(invoice, seller), 'de la facture')
  return pdfResponse(bytes, 'facture', invoice.number, preview)
}
