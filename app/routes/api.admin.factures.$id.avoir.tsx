// GET /api/admin/factures/:id/avoir — the credit note of a cancelled invoice,
// for the admin, rendered by the same code as the client's download.
import { data } from 'react-router'
import { getAdminInvoice } from '~/lib/admin/billing/billing.server.ts'
import { loadAdminPdf } from '~/lib/admin/billing/pdf-route.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { creditNotePdf, pdfResponse } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.admin.factures.$id.avoir'

export async function loader(args: Route.LoaderArgs) {
  const { doc: invoice, seller, preview } = await loadAdminPdf(args, getAdminInvoice, 'Facture introuvable.')
  const render = creditNotePdf(invoice, seller)
  if (!render) throw data({ message: 'Cette facture n’a pas d’avoir.' }, { status: 404 })
  const bytes = await renderOr500(() => render, 'de l’avoir')
  return pdfResponse(bytes, 'avoir', invoice.credit_note?.number ?? null, preview)
}
