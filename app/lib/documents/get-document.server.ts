// One document and short-lived signed URLs to it. The row is read as the
// caller (RLS decides); the signed URL is created as the caller too, so the
// Storage SELECT policy is checked a second time.
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from '../roadmap/errors.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Seconds a download link stays valid: long enough to start, too short to share. */
export const DOWNLOAD_URL_TTL = 60
/** Seconds an inline preview stays valid (the page may sit open a while before the image loads). */
export const PREVIEW_URL_TTL = 300

export interface DocumentRecord {
  id: string
  client_id: string
  project_id: string | null
  path: string
  file_name: string
  label: string | null
  folder: string
  mime_type: string
  size_bytes: number
  created_at: string
  profiles: { full_name: string } | null
  projects: { title: string } | null
}

export async function getDocument(supabase: AppSupabaseClient, id: string): Promise<DocumentRecord | null> {
  if (!UUID.test(id)) return null
  const { data, error } = await supabase
    .from('documents')
    .select(
      'id, client_id, project_id, path, file_name, label, folder, mime_type, size_bytes, created_at, profiles!documents_uploaded_by_fkey(full_name), projects(title)',
    )
    .eq('id', id)
    .maybeSingle()
  if (error) unavailable('documents.get', error)
  return (data as DocumentRecord | null) ?? null
}

/** A signed URL; `download` makes Storage answer with Content-Disposition: attachment and the original name. */
export async function signedDocumentUrl(
  supabase: AppSupabaseClient,
  doc: Pick<DocumentRecord, 'path' | 'file_name'>,
  mode: 'download' | 'inline',
): Promise<string | null> {
  const { data, error } = await supabase.storage
    .from('project-files')
    .createSignedUrl(doc.path, mode === 'download' ? DOWNLOAD_URL_TTL : PREVIEW_URL_TTL, {
      download: mode === 'download' ? doc.file_name : undefined,
    })
  if (error) {
    console.error(`[documents] URL signée refusée pour ${doc.path} : ${error.message}`)
    return null
  }
  return data.signedUrl
}
