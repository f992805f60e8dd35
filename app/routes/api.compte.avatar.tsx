import { data } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import type { Route } from './+types/api.compte.avatar'

/**
 * GET /api/compte/avatar — the signed-in user's own avatar, streamed from
 * the `avatars` bucket with their client (same-origin image, so the page
 * needs no signed URL and its loader no second round trip).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const supabase = getSupabase(context)
  const { data: profile } = await supabase.from('profiles').select('avatar_path').eq('id', user.id).maybeSingle()
  if (!profile?.avatar_path) throw data({ message: 'Aucune photo de profil.' }, { status: 404 })
  const { data: blob, error } = await supabase.storage.from('avatars').download(profile.avatar_path)
  if (error || !blob) throw data({ message: 'Photo de profil introuvable.' }, { status: 404 })
  return new Response(blob, {
    headers: { 'Content-Type': blob.type || 'image/jpeg', 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' },
  })
}
