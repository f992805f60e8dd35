// Documents of the current project, plus the company's general documents
// (payment proofs…), with who uploaded them. RLS: client-visible rows of
// the caller's companies only.
import { z } from 'zod'
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from '../roadmap/errors.server.ts'

const DocumentRow = z.object({
  id: z.string(),
  project_id: z.string().nullable(),
  file_name: z.string(),
  label: z.string().nullable(),
  folder: z.string(),
  mime_type: z.string(),
  size_bytes: z.number(),
  created_at: z.string(),
  uploaded_by: z.string().nullable(),
  profiles: z.object({ full_name: z.string(), role: z.string() }).nullable(),
  milestones: z.object({ title: z.string() }).nullable(),
})

export type DocumentItem = z.infer<typeof DocumentRow>

/**
 * The project's documents and the general ones of the project's company
 * (not of the caller's other companies, for a member of several): both
 * queries run in parallel, the company filter is applied on the result.
 */
export async function listDocuments(supabase: AppSupabaseClient, projectId: string): Promise<DocumentItem[]> {
  const [docs, project] = await Promise.all([
    supabase
      .from('documents')
      .select(
        `id, client_id, project_id, file_name, label, folder, mime_type, size_bytes, created_at, uploaded_by,
         profiles!documents_uploaded_by_fkey(full_name, role),
         milestones(title)`,
      )
      .or(`project_id.eq.${projectId},project_id.is.null`)
      .order('created_at', { ascending: false }),
    supabase.from('projects').select('client_id').eq('id', projectId).maybeSingle(),
  ])
  if (docs.error) unavailable('documents.list', docs.error)
  if (project.error) unavailable('documents.project', project.error)
  const clientId = project.data ? String(project.data.client_id) : null
  return z
    .array(DocumentRow.extend({ client_id: z.string() }))
    .parse(docs.data)
    .filter((d) => d.project_id !== null || d.client_id === clientId)
    .map(({ client_id: _client, ...d }) => d)
}
