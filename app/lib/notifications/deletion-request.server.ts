// account_deletion_request: a client's RGPD deletion request reaches NOURX by
// e-mail. The request itself is written by the client under RLS
// (app/lib/account/account.server.ts); this module only runs after that
// insert succeeded, for the user id of the session that made it.
//
// Why the service-role client: the mail needs what a client may not read —
// the template (email_templates is admin-only) and, when the agency settings
// carry no contact e-mail, the admins' addresses. It reads exactly that, plus
// the requester's own profile and company, and writes nothing. It is on the
// allow-list of scripts/check-service-role-imports.ts for that reason.
import type { AppEnv } from '../env.server.ts'
import { createSupabaseAdminClient } from '../supabase-admin.server.ts'
import { inBackground } from './background.server.ts'
import { appLink, deliver, type NotifyDb, type NotifyDeps, type NotifyResult, type Recipient } from './notify.server.ts'

type NotifyEnv = Pick<AppEnv, 'APP_URL' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM' | 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY'>

/** The agency's contact address from the settings, else every admin's. */
export async function adminRecipients(db: NotifyDb): Promise<Recipient[]> {
  const { data: settings } = await db.from('settings').select('email').maybeSingle()
  const contact = (settings?.email as string | null | undefined)?.trim()
  if (contact) return [{ userId: null, email: contact, fullName: '' }]
  const { data, error } = await db.from('profiles').select('id, email, full_name').eq('role', 'admin')
  if (error) throw new Error(`administrateurs illisibles : ${error.message}`)
  return (data ?? []).flatMap((p) => (p.email ? [{ userId: null, email: p.email as string, fullName: (p.full_name as string) ?? '' }] : []))
}

export async function notifyDeletionRequest(deps: NotifyDeps, userId: string, reason: string | null): Promise<NotifyResult> {
  const [profile, membership] = await Promise.all([
    deps.db.from('profiles').select('email, full_name').eq('id', userId).maybeSingle(),
    deps.db.from('client_members').select('clients(name)').eq('user_id', userId).limit(1).maybeSingle(),
  ])
  if (profile.error) throw new Error(`profil illisible : ${profile.error.message}`)
  const company = membership.data?.clients as unknown as { name: string } | null | undefined
  return deliver(
    deps,
    'account_deletion_request',
    await adminRecipients(deps.db),
    {
      nom: (profile.data?.full_name as string | undefined)?.trim() || (profile.data?.email as string | undefined) || 'Un client',
      email: (profile.data?.email as string | undefined) ?? '',
      entreprise: company?.name ?? 'sans entreprise',
      motif: reason?.trim() || 'non précisé',
      // The back office's queue of deletion requests, where the admin processes or rejects it.
      lien: appLink(deps.env, '/admin/demandes-suppression'),
    },
    userId,
  )
}

/** Called by requestDeletion() once the request is recorded: the mail leaves after the response. */
export function notifyDeletionRequestLater(
  env: NotifyEnv,
  executionContext: Pick<ExecutionContext, 'waitUntil'>,
  userId: string,
  reason: string | null,
): void {
  inBackground(executionContext, 'account_deletion_request', () =>
    notifyDeletionRequest({ db: createSupabaseAdminClient(env) as NotifyDb, env }, userId, reason),
  )
}
