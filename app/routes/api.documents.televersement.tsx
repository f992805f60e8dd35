// POST /api/documents/televersement — JSON in, JSON out, for the uploader:
//   {intent: 'sign', projectId, taskId?, files: [{name, size, type}]}      → signed upload URLs
//   {intent: 'confirm', projectId, folder, taskId?, files: [{path, fileName}]} → documents rows
// The browser PUTs the bytes to Storage between the two (ADR 0100).
import { data } from 'react-router'
import { requireClient } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { UploadRequestSchema, type UploadResponse } from '~/lib/documents/schemas.ts'
import { confirmUploads, signUploads } from '~/lib/documents/uploads.server.ts'
import type { Route } from './+types/api.documents.televersement'

export async function loader() {
  throw data({ message: 'Cette adresse ne prend pas en charge cette action.' }, { status: 405 })
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  if (request.method !== 'POST')
    return data<UploadResponse>({ ok: false, message: 'Méthode non prise en charge.' }, { status: 405 })
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return data<UploadResponse>({ ok: false, message: 'Requête invalide.' }, { status: 400 })
  }
  const parsed = UploadRequestSchema.safeParse(body)
  if (!parsed.success) {
    return data<UploadResponse>(
      { ok: false, message: 'Requête invalide.', problems: parsed.error.issues.map((i) => i.message) },
      { status: 400 },
    )
  }
  const supabase = getSupabase(context)
  const input = parsed.data
  if (input.intent === 'sign') {
    const result = await signUploads(supabase, input)
    if (!result.ok)
      return data<UploadResponse>(
        { ok: false, message: result.message, problems: result.problems },
        { status: result.status },
      )
    return data<UploadResponse>({
      ok: true,
      intent: 'sign',
      uploads: result.value,
      apikey: getEnv(context).SUPABASE_ANON_KEY,
    })
  }
  const result = await confirmUploads(supabase, { ...input, uploaderId: user.id })
  if (!result.ok)
    return data<UploadResponse>(
      { ok: false, message: result.message, problems: result.problems },
      { status: result.status },
    )
  return data<UploadResponse>({ ok: true, intent: 'confirm', documents: result.value })
}
