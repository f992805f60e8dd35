// Inviting people into a client company. The Auth admin API (service-role
// client) creates the user and sends the invitation e-mail; the membership
// itself is written with the admin's own client, so RLS and the audit trail
// see who did it. The e-mail link goes through /auth/confirm, which opens the
// session and sends the person to /invitation to choose a password.
import type { AppEnv } from '../env.server.ts'
import { createSupabaseAdminClient } from '../supabase-admin.server.ts'
import { AdminWriteError, check, type Db } from './db.ts'
import type { InviteMemberInput } from './schemas.ts'

/**
 * The service-role client, for Auth admin calls only (invite, look up a
 * user). The only place of the back office that creates it: every table
 * write stays on the admin's own client, under RLS and the audit trail.
 */
export function authAdminClient(env: Pick<AppEnv, 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY'>): Db {
  return createSupabaseAdminClient(env)
}

export interface InviteResult {
  userId: string
  /** 'invited': a new account and an e-mail; 'added': an existing client account joined the company. */
  outcome: 'invited' | 'added'
}

export function invitationRedirect(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}/auth/confirm`
}

export async function inviteMember(
  db: Db,
  authAdmin: Db,
  appUrl: string,
  clientId: string,
  input: InviteMemberInput,
): Promise<InviteResult> {
  const { data: client, error: clientError } = await db.from('clients').select('id, name').eq('id', clientId).maybeSingle()
  if (clientError || !client) throw new AdminWriteError('Client introuvable.', 'not_found', 404)

  const { data: existing, error: lookupError } = await db
    .from('profiles')
    .select('id, role')
    .eq('email', input.email)
    .maybeSingle()
  if (lookupError) throw new AdminWriteError('La vérification de l’adresse a échoué. Réessayez.')

  let userId: string
  let outcome: InviteResult['outcome']
  if (existing) {
    if (existing.role === 'admin') {
      throw new AdminWriteError('Cette adresse est celle d’un membre de l’équipe NOURX, pas d’un client.', 'admin_email')
    }
    const { data: already } = await db
      .from('client_members')
      .select('user_id')
      .eq('client_id', clientId)
      .eq('user_id', existing.id)
      .maybeSingle()
    if (already) throw new AdminWriteError('Cette personne est déjà membre de ce client.', 'already_member')
    userId = existing.id
    outcome = 'added'
  } else {
    const { data, error } = await authAdmin.auth.admin.inviteUserByEmail(input.email, {
      redirectTo: invitationRedirect(appUrl),
      data: { full_name: input.full_name ?? '', client_name: client.name },
    })
    if (error || !data.user) {
      console.error(`[admin] invitation ${input.email} : ${error?.status ?? ''} ${error?.message ?? 'sans utilisateur'}`)
      throw new AdminWriteError(
        error?.status === 429
          ? 'Trop d’invitations envoyées à la suite. Réessayez dans une minute.'
          : 'L’invitation n’a pas pu être envoyée. Vérifiez l’adresse et réessayez.',
        'invite_failed',
        error?.status === 429 ? 429 : 502,
      )
    }
    userId = data.user.id
    outcome = 'invited'
  }

  check(
    await db
      .from('client_members')
      .insert({ client_id: clientId, user_id: userId, role: input.role, job_title: input.job_title ?? null })
      .select('user_id'),
    'ajout membre',
  )
  return { userId, outcome }
}

/**
 * Sends the invitation again to a member who has not activated their access
 * yet. Someone who already signed in gets a clear refusal instead (they use
 * "mot de passe oublié").
 */
export async function resendInvitation(db: Db, authAdmin: Db, appUrl: string, clientId: string, userId: string) {
  const { data: member } = await db
    .from('client_members')
    .select('user_id, profiles(email, full_name)')
    .eq('client_id', clientId)
    .eq('user_id', userId)
    .maybeSingle()
  const profile = member?.profiles as { email?: string; full_name?: string } | null | undefined
  if (!member || !profile?.email) throw new AdminWriteError('Membre introuvable.', 'not_found', 404)

  const { data: user, error: userError } = await authAdmin.auth.admin.getUserById(userId)
  if (userError || !user.user) throw new AdminWriteError('Compte introuvable.', 'not_found', 404)
  if (user.user.last_sign_in_at || user.user.email_confirmed_at) {
    throw new AdminWriteError(
      'Ce membre a déjà activé son accès. S’il a oublié son mot de passe, il peut le réinitialiser depuis la page de connexion.',
      'already_active',
    )
  }
  const { error } = await authAdmin.auth.admin.inviteUserByEmail(profile.email, {
    redirectTo: invitationRedirect(appUrl),
    data: { full_name: profile.full_name ?? '' },
  })
  if (error) {
    console.error(`[admin] renvoi invitation ${profile.email} : ${error.status ?? ''} ${error.message}`)
    throw new AdminWriteError('L’invitation n’a pas pu être renvoyée. Réessayez dans un instant.', 'invite_failed', 502)
  }
  return { email: profile.email }
}
