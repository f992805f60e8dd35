// GET /api/documents/:id/telecharger — redirects to a 60-second signed URL
// that downloads the file under its original name. A document the caller
// cannot see (another company's, an internal one, a bad id) is a 404.
// ?apercu=1 redirects to an inline (not attachment) URL, for previews.
import { data, redirect } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { getDocument, signedDocumentUrl } from '~/lib/documents/get-document.server.ts'
import type { Route } from './+types/api.documents.$id.telecharger'

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const supabase = getSupabase(context)
  const doc = await getDocument(supabase, params.id)
  if (!doc) throw data({ message: 'Ce document est introuvable.' }, { status: 404 })
  const inline = new URL(request.url).searchParams.get('apercu') === '1'
  const url = await signedDocumentUrl(supabase, doc, inline ? 'inline' : 'download')
  if (!url)
    throw data({ message: 'Le fichier est momentanément indisponible. Réessayez dans un instant.' }, { status: 503 })
  return redirect(url, { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
}
