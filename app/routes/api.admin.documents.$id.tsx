// GET /api/admin/documents/:id — any document of any company, for the admin
// (task attachments, payment proofs, internal files). Redirects to a
// 60-second signed URL; ?telecharger asks for a download instead of inline.
import { data, redirect } from 'react-router'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.admin.documents.$id'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Ce document est introuvable.' }, { status: 404 })
  const db = getSupabase(context)
  const { data: doc } = await db.from('documents').select('path, file_name').eq('id', params.id).maybeSingle()
  if (!doc) throw data({ message: 'Ce document est introuvable.' }, { status: 404 })
  const download = new URL(request.url).searchParams.has('telecharger')
  const { data: signed, error } = await db.storage
    .from('project-files')
    .createSignedUrl(doc.path as string, 60, download ? { download: doc.file_name as string } : undefined)
  if (error || !signed) throw data({ message: 'Le fichier est momentanément indisponible. Réessayez dans un instant.' }, { status: 503 })
  return redirect(signed.signedUrl, { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
}
