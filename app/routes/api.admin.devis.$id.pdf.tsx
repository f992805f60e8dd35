// GET /api/admin/devis/:id/pdf — the admin's preview of a quote, drafts
// included, rendered by the same code as the client's download.
import { data } from 'react-router'
import { getAdminQuote } from '~/lib/admin/billing/billing.server.ts'
import { renderOr500 } from '~/lib/billing/pdf-route.server.ts'
import { loadSeller, pdfResponse, quotePdf } from '~/lib/billing/pdf.server.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.admin.devis.$id.pdf'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Devis introuvable.' }, { status: 404 })
  const db = getSupabase(context)
  const [quote, seller] = await Promise.all([getAdminQuote(db, params.id), loadSeller(db, getEnv(context).APP_URL)])
  if (!quote) throw data({ message: 'Devis introuvable.' }, { status: 404 })
  if (!seller.ok) throw data({ message: 'Les paramètres de l’agence sont illisibles. Réessayez.' }, { status: 503 })
  const bytes = await renderOr500(() => quotePdf(quote, seller.value), 'du devis')
  return pdfResponse(bytes, 'devis', quote.number, new URL(request.url).searchParams.has('apercu'))
}
