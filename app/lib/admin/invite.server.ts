// Inviting people into a client company. The Auth admin API (service-role
// client) creates the user and a one-time invitation token
// (`auth.admin.generateLink({ type: 'invite' })`, which sends nothing); the
// app then sends the admin-editable `invitation` template itself
// (app/lib/notifications), so the member gets NOURX's words, not Supabase
// Auth's default mail. The membership is written with the admin's own client,
// so RLS and the audit trail see who did it.
//
// The link is `<APP_URL>/auth/confirm?token_hash=…&type=invite`: /auth/confirm
// verifies it on the server (verifyOtp), opens the session and sends the
// person to /invitation to choose a password. It works from any browser
// (no PKCE verifier, no URL fragment), as tools/supabase-local/src/auth/NOTES.md
// recommends for hosted Supabase too.
//
// Unlike the other notifications, the invitation mail is awaited: it IS the
// action (the admin's "Invitation envoyée" must be true). When it fails, the
// account and the membership are kept and the admin is told to use "Renvoyer".
import type { AppEnv } from '../env.server.ts'
import { sendInvitationMail } from '../notifications/notify.server.ts'
import { createSupabaseAdminClient } from '../supabase-admin.server.ts'
import { AdminWriteError, check, type Db } from './db.ts'
import type { InviteMemberInput } from './schemas.ts'

type InviteEnv = Pick<AppEnv, 'SUPABASE_URL' | 'SUPABASE_SERVICE_ROLE_KEY' | 'APP_URL' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'>

/**
 * The service-role client, for Auth admin calls only (generate the invitation
 * link, look up a user), with the mail settings the invitation needs. The only
 * place of the back office that creates it: every table write stays on the
 * admin's own client, under RLS and the audit trail.
 */
export interface InviteAuth {
  client: Db
  env: InviteEnv
  /** Tests inject a failing fetch for the e-mail API. */
  fetch?: typeof fetch
}

export function authAdminClient(env: InviteEnv): InviteAuth {
  return { client: createSupabaseAdminClient(env), env }
}

export interface InviteResult {
  userId: string
  /** 'invited': a new account and an e-mail; 'added': an existing client account joined the company. */
  outcome: 'invited' | 'added'
}

export function invitationRedirect(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}/auth/confirm`
}

/** The link put in the mail: verified server-side by /auth/confirm, which then opens /invitation. */
export function invitationLink(appUrl: string, hashedToken: string): string {
  const url = new URL(invitationRedirect(appUrl))
  url.searchParams.set('token_hash', hashedToken)
  url.searchParams.set('type', 'invite')
  return url.toString()
}

/**
 * A fresh invitation token for `email`. For a new address GoTrue creates the
 * user (unconfirmed, `invited_at` set, `data` as user metadata); for an
 * existing unconfirmed one it issues a new token (the previous link stops
 * working); a confirmed account is refused (422 email_exists) — the caller
 * never asks for those.
 */
async function generateInvite(auth: InviteAuth, email: string, data?: Record<string, string>) {
  const { data: link, error } = await auth.client.auth.admin.generateLink({
    type: 'invite',
    email,
    options: { redirectTo: invitationRedirect(auth.env.APP_URL), ...(data ? { data } : {}) },
  })
  if (error || !link.user || !link.properties?.hashed_token) {
    console.error(`[admin] lien d’invitation : ${error?.status ?? ''} ${error?.code ?? ''} ${error?.message ?? 'réponse incomplète'}`)
    return { ok: false as const, status: error?.status }
  }
  return { ok: true as const, userId: link.user.id, link: invitationLink(auth.env.APP_URL, link.properties.hashed_token) }
}

async function mailInvitation(auth: InviteAuth, db: Db, invitee: { email: string; fullName: string; companyName: string; link: string }) {
  const result = await sendInvitationMail({ db, env: auth.env, fetch: auth.fetch }, invitee)
  return result.sent.length > 0
}

export async function inviteMember(
  db: Db,
  auth: InviteAuth,
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
  let link: string | null = null
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
    const invite = await generateInvite({ ...auth, env: { ...auth.env, APP_URL: appUrl } }, input.email, {
      full_name: input.full_name ?? '',
      client_name: client.name,
    })
    if (!invite.ok) {
      throw new AdminWriteError(
        invite.status === 429
          ? 'Trop d’invitations envoyées à la suite. Réessayez dans une minute.'
          : 'L’invitation n’a pas pu être préparée. Vérifiez l’adresse et réessayez.',
        'invite_failed',
        invite.status === 429 ? 429 : 502,
      )
    }
    userId = invite.userId
    link = invite.link
    outcome = 'invited'
  }

  check(
    await db
      .from('client_members')
      .insert({ client_id: clientId, user_id: userId, role: input.role, job_title: input.job_title ?? null })
      .select('user_id'),
    'ajout membre',
  )

  // After the membership: a failed mail must not lose the member, and "Renvoyer" fixes it.
  if (link && !(await mailInvitation(auth, db, { email: input.email, fullName: input.full_name ?? '', companyName: client.name, link }))) {
    throw new AdminWriteError(
      'Le membre est ajouté, mais l’e-mail d’invitation n’a pas pu partir. Réessayez avec « Renvoyer l’invitation ».',
      'invite_mail_failed',
      502,
    )
  }
  return { userId, outcome }
}

/**
 * Sends the invitation again to a member who has not activated their access
 * yet, with a new link (the previous one stops working). Someone who already
 * signed in gets a clear refusal instead (they use "mot de passe oublié").
 */
export async function resendInvitation(db: Db, auth: InviteAuth, appUrl: string, clientId: string, userId: string) {
  const { data: member } = await db
    .from('client_members')
    .select('user_id, profiles(email, full_name), clients(name)')
    .eq('client_id', clientId)
    .eq('user_id', userId)
    .maybeSingle()
  const profile = member?.profiles as { email?: string; full_name?: string } | null | undefined
  const company = member?.clients as { name?: string } | null | undefined
  if (!member || !profile?.email) throw new AdminWriteError('Membre introuvable.', 'not_found', 404)

  const { data: user, error: userError } = await auth.client.auth.admin.getUserById(userId)
  if (userError || !user.user) throw new AdminWriteError('Compte introuvable.', 'not_found', 404)
  if (user.user.last_sign_in_at || user.user.email_confirmed_at) {
    throw new AdminWriteError(
      'Ce membre a déjà activé son accès. S’il a oublié son mot de passe, il peut le réinitialiser depuis la page de connexion.',
      'already_active',
    )
  }
  const invite = await generateInvite({ ...auth, env: { ...auth.env, APP_URL: appUrl } }, profile.email)
  const sent =
    invite.ok &&
    (await mailInvitation(auth, db, {
      email: profile.email,
      fullName: profile.full_name ?? '',
      companyName: company?.name ?? '',
      link: invite.link,
    }))
  if (!sent) {
    console.error(`[admin] renvoi invitation ${userId} : ${invite.ok ? 'e-mail non envoyé' : 'lien non généré'}`)
    throw new AdminWriteError('L’invitation n’a pas pu être renvoyée. Réessayez dans un instant.', 'invite_failed', 502)
  }
  return { email: profile.email }
}
