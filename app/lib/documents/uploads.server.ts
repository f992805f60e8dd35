// Document uploads in two steps around a direct browser → Storage transfer
// (docs/decisions/0100-document-uploads.md):
//   1. signUploads: the caller may upload to this project (RLS read of the
//      project), each file passes the limits, each gets an object name
//      `<client_id>/<project_id>/<uuid>-<ascii name>` and a signed upload URL
//      created AS THE CALLER (Storage checks the INSERT policy now);
//   2. confirmUploads: for each object, Storage says it exists and gives its
//      real size and type (not what the browser claimed); limits are checked
//      again, then the documents rows are inserted (RLS: uploaded_by = caller,
//      visibility client). A file that fails is removed from Storage.
import type { AppSupabaseClient } from '~/lib/supabase.server.ts'
import { unavailable } from '../roadmap/errors.server.ts'
import { fileProblem, mimeTypeOf, storageSafeName } from './files.ts'
import type { SignedUpload } from './schemas.ts'

const BUCKET = 'project-files'
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

export type UploadOutcome<T> =
  { ok: true; value: T } | { ok: false; status: 400 | 404 | 502; message: string; problems?: string[] }

/** The project, when the caller can read it (RLS), with its company. */
async function visibleProject(supabase: AppSupabaseClient, projectId: string) {
  const { data, error } = await supabase.from('projects').select('id, client_id').eq('id', projectId).maybeSingle()
  if (error) unavailable('documents.project', error)
  return data ? { id: String(data.id), clientId: String(data.client_id) } : null
}

/** A task the caller can see, in that project (task attachments). */
async function visibleTask(supabase: AppSupabaseClient, taskId: string, projectId: string) {
  const { data, error } = await supabase
    .from('tasks')
    .select('id')
    .eq('id', taskId)
    .eq('project_id', projectId)
    .maybeSingle()
  if (error) unavailable('documents.task', error)
  return data !== null
}

export async function signUploads(
  supabase: AppSupabaseClient,
  input: { projectId: string; taskId?: string | null; files: { name: string; size: number; type: string }[] },
): Promise<UploadOutcome<SignedUpload[]>> {
  const [project, taskOk] = await Promise.all([
    visibleProject(supabase, input.projectId),
    input.taskId ? visibleTask(supabase, input.taskId, input.projectId) : Promise.resolve(true),
  ])
  if (!project) return { ok: false, status: 404, message: 'Ce projet est introuvable.' }
  if (!taskOk) return { ok: false, status: 404, message: 'Cette tâche est introuvable.' }
  const problems = input.files.map(fileProblem).filter((p): p is string => p !== null)
  if (problems.length > 0)
    return { ok: false, status: 400, message: 'Certains fichiers ne peuvent pas être envoyés.', problems }

  const signed = await Promise.all(
    input.files.map(async (file) => {
      const path = `${project.clientId}/${project.id}/${crypto.randomUUID()}-${storageSafeName(file.name)}`
      const { data, error } = await supabase.storage.from(BUCKET).createSignedUploadUrl(path)
      if (error) {
        console.error(`[documents] URL d’envoi refusée pour ${path} : ${error.message}`)
        return null
      }
      return { name: file.name, path, signedUrl: data.signedUrl, contentType: mimeTypeOf(file.name, file.type) }
    }),
  )
  if (signed.some((s) => s === null)) {
    return { ok: false, status: 502, message: 'Le stockage a refusé l’envoi. Réessayez dans un instant.' }
  }
  return { ok: true, value: signed as SignedUpload[] }
}

export async function confirmUploads(
  supabase: AppSupabaseClient,
  input: {
    projectId: string
    folder: string
    taskId?: string | null
    uploaderId: string
    files: { path: string; fileName: string }[]
  },
): Promise<UploadOutcome<{ id: string; fileName: string; path: string }[]>> {
  const [project, taskOk] = await Promise.all([
    visibleProject(supabase, input.projectId),
    input.taskId ? visibleTask(supabase, input.taskId, input.projectId) : Promise.resolve(true),
  ])
  if (!project) return { ok: false, status: 404, message: 'Ce projet est introuvable.' }
  if (!taskOk) return { ok: false, status: 404, message: 'Cette tâche est introuvable.' }
  const pathRule = new RegExp(`^${project.clientId}/${project.id}/${UUID}-[A-Za-z0-9._-]+$`, 'i')
  if (input.files.some((f) => !pathRule.test(f.path))) {
    return { ok: false, status: 400, message: 'Chemin de fichier invalide.' }
  }

  const storage = supabase.storage.from(BUCKET)
  const infos = await Promise.all(input.files.map((f) => storage.info(f.path)))
  const problems: string[] = []
  const rows: Record<string, unknown>[] = []
  const rejected: string[] = []
  input.files.forEach((file, i) => {
    const info = infos[i]
    if (info.error || !info.data) {
      problems.push(`« ${file.fileName} » n’est pas arrivé dans le stockage : renvoyez-le.`)
      return
    }
    const size = Number(info.data.size ?? 0)
    const mime = mimeTypeOf(file.fileName, String(info.data.contentType ?? ''))
    const problem = fileProblem({ name: file.fileName, size, type: mime })
    if (problem) {
      problems.push(problem)
      rejected.push(file.path)
      return
    }
    rows.push({
      client_id: project.clientId,
      project_id: project.id,
      path: file.path,
      file_name: file.fileName,
      folder: input.folder,
      mime_type: mime,
      size_bytes: size,
      visibility: 'client',
      uploaded_by: input.uploaderId,
    })
  })
  if (rejected.length > 0) await storage.remove(rejected)
  if (rows.length === 0) {
    return { ok: false, status: 400, message: 'Aucun fichier n’a pu être enregistré.', problems }
  }

  const { data, error } = await supabase.from('documents').insert(rows).select('id, file_name, path')
  if (error) {
    await storage.remove(rows.map((r) => String(r.path)))
    if (error.code === '42501') return { ok: false, status: 404, message: 'Ce projet est introuvable.' }
    unavailable('documents.insert', error)
  }
  const documents = (data ?? []).map((d) => ({ id: String(d.id), fileName: String(d.file_name), path: String(d.path) }))

  if (input.taskId) {
    const { error: attachError } = await supabase
      .from('task_attachments')
      .insert(documents.map((d) => ({ task_id: input.taskId, document_id: d.id, created_by: input.uploaderId })))
    if (attachError) {
      // The files stay in Documents; only the link to the task failed.
      console.error(
        `[documents] pièces jointes non liées à la tâche ${input.taskId} : ${attachError.code} ${attachError.message}`,
      )
      return {
        ok: false,
        status: attachError.code === '42501' || attachError.code === 'P0001' ? 404 : 502,
        message: 'Les fichiers sont dans Documents mais n’ont pas pu être joints à cette tâche.',
      }
    }
  }
  if (problems.length > 0) {
    return {
      ok: false,
      status: 400,
      message: `${documents.length} fichier(s) enregistré(s) ; d’autres ont été refusés.`,
      problems,
    }
  }
  return { ok: true, value: documents }
}
