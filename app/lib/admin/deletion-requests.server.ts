// RGPD account deletion requests, back-office side (decision: docs/decisions/006).
//
// Listing and rejecting go through the admin's own client (RLS: the admin
// reads and updates every request; the audit trigger records the admin).
// Processing does two things no policy gives the admin:
//   - public.process_account_deletion_request() (SQL, admin-only, one
//     transaction): memberships removed, preferences deleted, profile
//     anonymised, request marked processed with a summary;
//   - GoTrue's admin API with the service role: the auth user is
//     soft-deleted (e-mail and phone obfuscated, password, identities and
//     sessions removed) — the row stays, so invoices, payments and tickets
//     that reference the person are kept (accounting retention).
// The soft delete runs first: if the SQL step then fails the request stays
// pending and the admin simply tries again (both steps are idempotent).
import { AdminWriteError, check, type Db } from './db.ts'
import type { DeletionStatus } from './deletion-requests.ts'

export interface DeletionRequestItem {
  id: string
  user_id: string
  status: DeletionStatus
  reason: string | null
  requested_at: string
  processed_at: string | null
  admin_note: string | null
  person: { full_name: string; email: string | null; role: string }
  /** Companies of the person: current memberships, or those removed when the request was processed. */
  companies: { client_id: string; name: string }[]
  processed_by: string | null
}

const SELECT = `id, user_id, status, reason, requested_at, processed_at, admin_note, processing_summary,
  person:profiles!account_deletion_requests_user_id_fkey(full_name, email, role, client_members(client_id, clients(name))),
  processor:profiles!account_deletion_requests_processed_by_fkey(full_name, email)`

interface Row {
  id: string
  user_id: string
  status: DeletionStatus
  reason: string | null
  requested_at: string
  processed_at: string | null
  admin_note: string | null
  processing_summary: { memberships?: { client_id: string; client: string }[] } | null
  person: {
    full_name: string
    email: string | null
    role: string
    client_members: { client_id: string; clients: { name: string } | null }[]
  } | null
  processor: { full_name: string; email: string | null } | null
}

function toItem(r: Row): DeletionRequestItem {
  const current = (r.person?.client_members ?? []).map((m) => ({ client_id: m.client_id, name: m.clients?.name ?? '' }))
  const removed = (r.processing_summary?.memberships ?? []).map((m) => ({ client_id: m.client_id, name: m.client }))
  return {
    id: r.id,
    user_id: r.user_id,
    status: r.status,
    reason: r.reason,
    requested_at: r.requested_at,
    processed_at: r.processed_at,
    admin_note: r.admin_note,
    person: { full_name: r.person?.full_name || '', email: r.person?.email ?? null, role: r.person?.role ?? 'client' },
    companies: current.length > 0 ? current : removed,
    processed_by: r.processor ? r.processor.full_name || r.processor.email : null,
  }
}

/** Requests with one status (or all), oldest pending first / newest decided first. */
export async function listDeletionRequests(
  db: Db,
  { status, limit = 100 }: { status: DeletionStatus | 'toutes'; limit?: number },
): Promise<DeletionRequestItem[]> {
  let query = db.from('account_deletion_requests').select(SELECT)
  if (status !== 'toutes') query = query.eq('status', status)
  query = status === 'pending' ? query.order('requested_at') : query.order('requested_at', { ascending: false })
  const rows = check(await query.limit(limit), 'demandes de suppression') as unknown as Row[]
  return (rows ?? []).map(toItem)
}

/** The person as the request found them: the answer is mailed there once the decision is written. */
export interface DecidedRequest {
  requestedAt: string
  person: { email: string; fullName: string } | null
}

async function pendingRequest(db: Db, id: string) {
  const result = await db
    .from('account_deletion_requests')
    .select('id, status, user_id, requested_at, person:profiles!account_deletion_requests_user_id_fkey(role, email, full_name)')
    .eq('id', id)
    .maybeSingle()
  const row = check(result, 'demande de suppression') as {
    id: string
    status: string
    user_id: string
    requested_at: string
    person: { role: string; email: string | null; full_name: string | null } | null
  } | null
  if (!row) throw new AdminWriteError('Demande de suppression introuvable.', 'not_found', 404)
  if (row.status !== 'pending') throw new AdminWriteError('Cette demande a déjà été traitée.', 'not_pending', 409)
  if (row.person?.role === 'admin') {
    throw new AdminWriteError('Un compte administrateur ne se supprime pas par une demande RGPD.', '42501', 403)
  }
  return row
}

function decided(row: Awaited<ReturnType<typeof pendingRequest>>): DecidedRequest {
  const email = row.person?.email
  return { requestedAt: row.requested_at, person: email ? { email, fullName: row.person?.full_name ?? '' } : null }
}

/** The two service-role capabilities processing needs (GoTrue admin, Storage): the service-role client fits. */
export interface DeletionAuthAdmin {
  auth: { admin: { deleteUser(id: string, shouldSoftDelete?: boolean): Promise<{ error: { status?: number; message: string } | null }> } }
  storage: { from(bucket: string): { remove(paths: string[]): Promise<{ error: { message: string } | null }> } }
}

/**
 * Processes a pending request: soft-deletes the auth user (service role),
 * then the SQL step, then removes the avatar file (best effort: the path is
 * already gone from the profile, and it is kept in the summary).
 */
export async function processDeletionRequest(db: Db, authAdmin: DeletionAuthAdmin, id: string, note: string | undefined) {
  const request = await pendingRequest(db, id)
  // Read before the soft delete and the SQL step scramble and blank it.
  const before = decided(request)
  const removed = await authAdmin.auth.admin.deleteUser(request.user_id, true)
  // 404: an earlier attempt already removed the login (the SQL step failed after it); carry on.
  if (removed.error && removed.error.status !== 404) {
    console.error(`[admin] suppression RGPD, compte de connexion : ${removed.error.status} ${removed.error.message}`)
    throw new AdminWriteError('Le compte de connexion n’a pas pu être supprimé. Réessayez dans un instant.', 'auth', 502)
  }
  const result = check(
    await db.rpc('process_account_deletion_request', { p_request_id: id, p_note: note ?? null }),
    'traitement de la demande de suppression',
  ) as { user_id: string; avatar_path: string | null }
  if (result.avatar_path) {
    const { error } = await authAdmin.storage.from('avatars').remove([result.avatar_path])
    if (error) console.error(`[admin] suppression RGPD, avatar ${result.avatar_path} : ${error.message}`)
  }
  return { ...result, ...before }
}

/** Refuses a pending request with its reason (the stamp trigger records who and when). */
export async function rejectDeletionRequest(db: Db, id: string, note: string): Promise<DecidedRequest> {
  const request = await pendingRequest(db, id)
  const rows = check(
    await db
      .from('account_deletion_requests')
      .update({ status: 'rejected', admin_note: note })
      .eq('id', id)
      .eq('status', 'pending')
      .select('id'),
    'refus de la demande de suppression',
  )
  if (!rows || rows.length === 0) throw new AdminWriteError('Cette demande a déjà été traitée.', 'not_pending', 409)
  return decided(request)
}
