import { data } from 'react-router'
import { exportMyData } from '~/lib/account/account.server.ts'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.compte.export'

/** GET /api/compte/export — RGPD: everything about the signed-in user, as a JSON download. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const { data: exported, error } = await exportMyData(getSupabase(context))
  if (error || !exported) {
    console.error(`[compte] export : ${error?.code ?? ''} ${error?.message ?? 'vide'}`)
    throw data({ message: 'L’export de vos données n’a pas pu être préparé. Réessayez dans un instant.' }, { status: 503 })
  }
  const day = new Date().toISOString().slice(0, 10)
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="mes-donnees-nourx-${day}.json"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
