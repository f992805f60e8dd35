import { isUuid, notFound } from '~/lib/billing/errors.server.ts'
import { loadForPdf, renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { pdfResponse, receiptPdf } from '~/lib/billing/pdf.server.ts'
import type { Route } from './+types/api.factures.$id.recus.$receiptId'

/** GET /api/factures/:id/recus/:receiptId — the receipt of one payment of this invoice. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { doc, seller } = await loadForPdf({ request, context }, 'invoice', params.id)
  if (!isUuid(params.receiptId)) notFound('Reçu introuvable.')
  const render = receiptPdf(doc, params.receiptId, seller)
  if (!render) notFound('Reçu introuvable.')
  const number = doc.payments.find((p) => p.receipt?.id === params.receiptId)?.receipt?.number ?? null
  const bytes = await renderOr500(() => render, 'du reçu')
  return pdfResponse(bytes, 'recu', number, false)
}
