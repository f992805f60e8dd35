// One file sent by the admin through an action (multipart form) → an object
// in the private `project-files` bucket + its `documents` row. Shared by task
// attachments and payment proofs. The admin's own client writes both (RLS:
// private.is_admin()), so the upload and the row are audited as the admin.
// Checks mirror the bucket's limits so the admin gets a French sentence
// instead of a Storage error.
import { fileProblem, mimeTypeOf, storageSafeName } from '../../documents/files.ts'
import { AdminWriteError, check, type Db } from '../db.ts'

export interface UploadTarget {
  clientId: string
  projectId: string | null
  folder: string
  visibility: 'internal' | 'client'
  label?: string | null
}

/** A real file from FormData (browsers send an empty File when nothing is picked). */
export function fileFrom(form: FormData, name: string): File | null {
  const value = form.get(name)
  return value instanceof File && value.size > 0 && value.name ? value : null
}

export async function uploadDocument(db: Db, file: File, target: UploadTarget): Promise<{ id: string; path: string }> {
  const problem = fileProblem({ name: file.name, size: file.size, type: file.type })
  if (problem) throw new AdminWriteError(problem, 'file')
  const mime = mimeTypeOf(file.name, file.type)
  const path = `${target.clientId}/${target.projectId ?? 'general'}/${crypto.randomUUID()}-${storageSafeName(file.name)}`
  const { error: uploadError } = await db.storage
    .from('project-files')
    .upload(path, await file.arrayBuffer(), { contentType: mime, upsert: false })
  if (uploadError) {
    console.error(`[admin] téléversement : ${uploadError.message}`)
    throw new AdminWriteError('Le fichier n’a pas pu être envoyé. Réessayez.', 'storage', 502)
  }
  const result = await db
    .from('documents')
    .insert({
      client_id: target.clientId,
      project_id: target.projectId,
      path,
      file_name: file.name,
      label: target.label ?? null,
      folder: target.folder,
      mime_type: mime,
      size_bytes: file.size,
      visibility: target.visibility,
    })
    .select('id')
    .single()
  if (result.error) {
    // No row points at the object: remove it so the bucket holds no orphan.
    await db.storage.from('project-files').remove([path])
  }
  const row = check(result, 'document')
  return { id: (row as { id: string }).id, path }
}

/** Removes a document row and its object (the attachment rows cascade). */
export async function deleteDocument(db: Db, documentId: string) {
  const rows = check(await db.from('documents').delete().eq('id', documentId).select('path'), 'document')
  const path = rows?.[0]?.path as string | undefined
  if (path) {
    const { error } = await db.storage.from('project-files').remove([path])
    if (error) console.error(`[admin] objet non supprimé (${path}) : ${error.message}`)
  }
}
