// GET /api/admin/factures/:id/avoir — the credit note of a cancelled invoice,
// for the admin, rendered by the same code as the client's download.
import { data } from 'react-router'
import { getAdminInvoice } from '~/lib/admin/billing/billing.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { creditNotePdf, loadSeller, pdfResponse } from '~/lib/billing/pdf.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.admin.factures.$id.avoir'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Facture introuvable.' }, { status: 404 })
  const db = getSupabase(context)
  const [invoice, seller] = await Promise.all([getAdminInvoice(db, params.id), loadSeller(db, getEnv(context).APP_URL)])
  if (!invoice) throw data({ message: 'Facture introuvable.' }, { status: 404 })
  if (!seller.ok) throw data({ message: 'Les paramètres de l’agence sont illisibles. Réessayez.' }, { status: 503 })
  const render = creditNotePdf(invoice, seller.value)
  if (!render) throw data({ message: 'Cette facture n’a pas d’avoir.' }, { status: 404 })
  const bytes = await renderOr500(() => render, 'de l’avoir')
  return pdfResponse(bytes, 'avoir', invoice.credit_note?.number ?? null, new URL(request.url).searchParams.has('apercu'))
}
