import { data, redirect } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { isUuid, notFound } from '~/lib/billing/errors.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { signedAttachmentUrl } from '~/lib/tickets/attachments.server.ts'
import type { Route } from './+types/api.reclamations.$id.pieces-jointes.$documentId'

/**
 * GET /api/reclamations/:id/pieces-jointes/:documentId — redirects to a
 * 60-second signed URL of an attachment of a ticket the caller can see
 * (404 for anything else: other company, internal note, unknown id).
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  if (!isUuid(params.id) || !isUuid(params.documentId)) notFound('Pièce jointe introuvable.')
  const signed = await signedAttachmentUrl(getSupabase(context), params.id, params.documentId)
  if (!signed.ok) {
    if (signed.status === 404) notFound('Pièce jointe introuvable.')
    throw data({ message: 'La pièce jointe n’a pas pu être préparée. Réessayez dans un instant.' }, { status: 503 })
  }
  return redirect(signed.url, { headers: { 'Cache-Control': 'private, no-store' } })
}
