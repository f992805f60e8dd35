// GET /api/admin/factures/:id/pdf — the admin's preview of an invoice, drafts
// included. Same mapping and renderer as the client's download
// (app/lib/billing/pdf.server.ts → app/lib/pdf), so what the admin checks is
// byte-for-byte the layout the client receives. ?apercu opens it inline.
import { data } from 'react-router'
import { getAdminInvoice } from '~/lib/admin/billing/billing.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { invoicePdf, loadSeller, pdfResponse } from '~/lib/billing/pdf.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.admin.factures.$id.pdf'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Facture introuvable.' }, { status: 404 })
  const db = getSupabase(context)
  const [invoice, seller] = await Promise.all([getAdminInvoice(db, params.id), loadSeller(db, getEnv(context).APP_URL)])
  if (!invoice) throw data({ message: 'Facture introuvable.' }, { status: 404 })
  if (!seller.ok) throw data({ message: 'Les paramètres de l’agence sont illisibles. Réessayez.' }, { status: 503 })
  const bytes = await renderOr500(() => invoicePdf(invoice, seller.value), 'de la facture')
  return pdfResponse(bytes, 'facture', invoice.number, new URL(request.url).searchParams.has('apercu'))
}
