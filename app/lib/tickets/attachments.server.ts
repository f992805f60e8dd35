// Ticket attachments, the minimal path (app/lib/documents had no shared upload
// helper when this was written): each file goes to the private Storage bucket
// `project-files` under <client_id>/<project_id|general>/<uuid>-<ascii name>,
// gets a `documents` row (folder "Réclamations", visible to the client, so the
// Storage read policy lets its company read it) and a `ticket_attachments`
// row tying it to the ticket and the message. All with the user's own client:
// RLS and the Storage policies decide, the service role is never involved.
// The back office uses the same code for NOURX's replies (same limits, same
// folder); an internal note's files are stored with visibility 'internal',
// so they stay out of the client's thread and Documents page.
import type { AppSupabaseClient } from '../supabase.server.ts'

export const TICKET_FOLDER = 'Réclamations'

/** "Capture d’écran été.png" → "Capture-d-ecran-ete.png": object names stay ASCII. */
export function asciiFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
  return (cleaned || 'fichier').slice(-120)
}

export interface AttachTarget {
  userId: string
  clientId: string
  projectId: string | null
  ticketId: string
  messageId: string
  /** 'client' (default: every client reply and NOURX's answers) or 'internal' (files of an internal note). */
  visibility?: 'client' | 'internal'
}

export type AttachResult = { ok: true; count: number } | { ok: false; message: string; stored: number }

export async function attachFiles(supabase: AppSupabaseClient, target: AttachTarget, files: File[]): Promise<AttachResult> {
  let stored = 0
  for (const file of files) {
    const path = `${target.clientId}/${target.projectId ?? 'general'}/${crypto.randomUUID()}-${asciiFileName(file.name)}`
    const bucket = supabase.storage.from('project-files')
    const upload = await bucket.upload(path, file, { contentType: file.type, upsert: false })
    if (upload.error) {
      console.error(`[tickets] envoi refusé (${path}) : ${upload.error.message}`)
      return { ok: false, message: `« ${file.name} » n’a pas pu être envoyé.`, stored }
    }
    const document = await supabase
      .from('documents')
      .insert({
        client_id: target.clientId,
        project_id: target.projectId,
        path,
        file_name: file.name.slice(0, 255),
        folder: TICKET_FOLDER,
        mime_type: file.type,
        size_bytes: file.size,
        visibility: target.visibility ?? 'client',
        uploaded_by: target.userId,
      })
      .select('id')
      .single()
    if (document.error) {
      console.error(`[tickets] document non enregistré (${path}) : ${document.error.code} ${document.error.message}`)
      // The object has no row yet: its uploader may remove it (Storage delete policy).
      await bucket.remove([path])
      return { ok: false, message: `« ${file.name} » n’a pas pu être enregistré.`, stored }
    }
    const link = await supabase.from('ticket_attachments').insert({
      ticket_id: target.ticketId,
      message_id: target.messageId,
      document_id: document.data.id,
      created_by: target.userId,
    })
    if (link.error) {
      console.error(`[tickets] pièce jointe non liée : ${link.error.code} ${link.error.message}`)
      return { ok: false, message: `« ${file.name} » n’a pas pu être joint au message.`, stored }
    }
    stored++
  }
  return { ok: true, count: stored }
}

/**
 * A short-lived signed URL for an attachment the caller can see: the link row
 * must be visible through RLS (ticket of their company, public message), then
 * Storage's own policy signs only what the documents policy shows them.
 */
export async function signedAttachmentUrl(
  supabase: AppSupabaseClient,
  ticketId: string,
  documentId: string,
): Promise<{ ok: true; url: string } | { ok: false; status: 404 | 503 }> {
  const { data, error } = await supabase
    .from('ticket_attachments')
    .select('document_id, message_id, documents(path, file_name), ticket_messages(is_internal)')
    .eq('ticket_id', ticketId)
    .eq('document_id', documentId)
    .maybeSingle()
  if (error) {
    console.error(`[tickets] pièce jointe : ${error.code} ${error.message}`)
    return { ok: false, status: 503 }
  }
  const doc = data?.documents as { path: string; file_name: string } | null | undefined
  const message = data?.ticket_messages as { is_internal: boolean } | null | undefined
  if (!data || !doc || message?.is_internal) return { ok: false, status: 404 }
  const signed = await supabase.storage.from('project-files').createSignedUrl(doc.path, 60, { download: doc.file_name })
  if (signed.error || !signed.data) return { ok: false, status: 404 }
  return { ok: true, url: signed.data.signedUrl }
}
