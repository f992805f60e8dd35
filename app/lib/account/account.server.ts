// The signed-in user's own account: profile and contact methods, avatar,
// password, notification preferences, analytics consent, RGPD export and
// deletion request. Every write goes through the user-scoped client: the
// policies let a user change their own rows only (and never their role or
// email, see profiles_protect_columns).
import { createClient } from '@supabase/supabase-js'
import type { AppEnv } from '../env.server.ts'
import type { AppSupabaseClient } from '../supabase.server.ts'
import type { DbError } from '../billing/errors.server.ts'
import type { RequestContextValue } from '../context.server.ts'
import { notifyDeletionRequestLater } from '../notifications/deletion-request.server.ts'
import { NOTIFICATION_EVENTS, type NotificationEvent } from './schemas.ts'

export interface Account {
  email: string
  full_name: string
  phone: string | null
  whatsapp: string | null
  preferred_contact: 'email' | 'phone' | 'whatsapp'
  avatar_path: string | null
  analytics_consent: boolean | null
  analytics_consent_at: string | null
  updated_at: string
  preferences: Array<{ event: NotificationEvent; email: boolean; whatsapp: boolean }>
  /** The latest deletion request; a refused one comes with NOURX's reason (admin_note). */
  deletion: { requested_at: string; status: string; processed_at: string | null; admin_note: string | null } | null
}

type Loaded<T> = { ok: true; value: T } | { ok: false; error: DbError }

/** Everything the page shows, in one round trip (three queries in parallel). */
export async function getAccount(supabase: AppSupabaseClient, userId: string): Promise<Loaded<Account | null>> {
  const [profile, prefs, deletion] = await Promise.all([
    supabase
      .from('profiles')
      .select('email, full_name, phone, whatsapp, preferred_contact, avatar_path, analytics_consent, analytics_consent_at, updated_at')
      .eq('id', userId)
      .maybeSingle(),
    supabase.from('notification_preferences').select('event, email, whatsapp').eq('user_id', userId),
    supabase
      .from('account_deletion_requests')
      .select('requested_at, status, processed_at, admin_note')
      .eq('user_id', userId)
      .order('requested_at', { ascending: false })
      .limit(1)
      .maybeSingle(),
  ])
  if (profile.error) return { ok: false, error: profile.error }
  if (prefs.error) return { ok: false, error: prefs.error }
  if (deletion.error) return { ok: false, error: deletion.error }
  if (!profile.data) return { ok: true, value: null }
  const saved = new Map((prefs.data ?? []).map((p) => [p.event as string, p]))
  return {
    ok: true,
    value: {
      ...(profile.data as Omit<Account, 'preferences' | 'deletion'>),
      // No row = the defaults of the data model: e-mail on, WhatsApp off.
      preferences: NOTIFICATION_EVENTS.map((event) => ({
        event,
        email: saved.get(event)?.email ?? true,
        whatsapp: saved.get(event)?.whatsapp ?? false,
      })),
      deletion: deletion.data as Account['deletion'],
    },
  }
}

export async function updateProfile(
  supabase: AppSupabaseClient,
  userId: string,
  values: { fullName: string; phone: string | null; whatsapp: string | null; preferredContact: string },
) {
  return supabase
    .from('profiles')
    .update({ full_name: values.fullName, phone: values.phone, whatsapp: values.whatsapp, preferred_contact: values.preferredContact })
    .eq('id', userId)
    .select('id')
    .single()
}

/** Avatar in the `avatars` bucket under <user_id>/ (the Storage policy's rule); the previous file is removed. */
export async function replaceAvatar(
  supabase: AppSupabaseClient,
  userId: string,
  file: File,
  previous: string | null,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const ext = file.type === 'image/png' ? 'png' : file.type === 'image/webp' ? 'webp' : 'jpg'
  const path = `${userId}/${crypto.randomUUID()}.${ext}`
  const bucket = supabase.storage.from('avatars')
  const upload = await bucket.upload(path, file, { contentType: file.type, upsert: false })
  if (upload.error) {
    console.error(`[compte] avatar refusé : ${upload.error.message}`)
    return { ok: false, message: 'L’image n’a pas pu être envoyée. Réessayez dans un instant.' }
  }
  const saved = await supabase.from('profiles').update({ avatar_path: path }).eq('id', userId).select('id').single()
  if (saved.error) {
    await bucket.remove([path])
    console.error(`[compte] avatar non enregistré : ${saved.error.code} ${saved.error.message}`)
    return { ok: false, message: 'L’image n’a pas pu être enregistrée. Réessayez dans un instant.' }
  }
  if (previous && previous.startsWith(`${userId}/`)) await bucket.remove([previous])
  return { ok: true }
}

/**
 * Checks the current password with a throwaway client (no cookie is touched,
 * the extra session is signed out at once), then changes it on the user's
 * own session. GoTrue's refusals (weak, same password) come back in French.
 */
export async function changePassword(
  supabase: AppSupabaseClient,
  env: Pick<AppEnv, 'SUPABASE_URL' | 'SUPABASE_ANON_KEY'>,
  email: string,
  current: string,
  password: string,
): Promise<{ ok: true } | { ok: false; field: 'current' | 'password' | 'form'; message: string }> {
  const probe = createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  })
  const check = await probe.auth.signInWithPassword({ email, password: current })
  if (check.error) {
    if (check.error.status === 400) return { ok: false, field: 'current', message: 'Mot de passe actuel incorrect.' }
    if (check.error.status === 429) return { ok: false, field: 'form', message: 'Trop de tentatives : réessayez dans quelques minutes.' }
    console.error(`[compte] vérification du mot de passe : ${check.error.status} ${check.error.message}`)
    return { ok: false, field: 'form', message: 'Le service de connexion ne répond pas. Réessayez dans un instant.' }
  }
  await probe.auth.signOut({ scope: 'local' })
  const { error } = await supabase.auth.updateUser({ password })
  if (error) {
    if (error.code === 'same_password') return { ok: false, field: 'password', message: 'Choisissez un mot de passe différent de l’actuel.' }
    if (error.code === 'weak_password') return { ok: false, field: 'password', message: 'Mot de passe trop faible : allongez-le ou variez les caractères.' }
    console.error(`[compte] changement de mot de passe : ${error.status} ${error.code} ${error.message}`)
    return { ok: false, field: 'form', message: 'Le mot de passe n’a pas pu être changé. Réessayez dans un instant.' }
  }
  return { ok: true }
}

export async function saveNotificationPreferences(
  supabase: AppSupabaseClient,
  userId: string,
  choices: Array<{ event: NotificationEvent; email: boolean; whatsapp: boolean }>,
) {
  return supabase
    .from('notification_preferences')
    .upsert(
      choices.map((c) => ({ user_id: userId, event: c.event, email: c.email, whatsapp: c.whatsapp })),
      { onConflict: 'user_id,event' },
    )
}

export async function setAnalyticsConsent(supabase: AppSupabaseClient, userId: string, consent: boolean) {
  return supabase.from('profiles').update({ analytics_consent: consent }).eq('id', userId).select('analytics_consent_at').single()
}

/**
 * A pending request already exists → 23505 from the partial unique index: said plainly.
 * Once recorded, NOURX is told by e-mail (`account_deletion_request`) after the
 * response, when the request context is given.
 */
export async function requestDeletion(
  supabase: AppSupabaseClient,
  userId: string,
  reason: string | null,
  request?: Pick<RequestContextValue, 'env' | 'executionContext'>,
) {
  const { error } = await supabase.from('account_deletion_requests').insert({ user_id: userId, reason })
  if (error?.code === '23505') return { ok: false as const, message: 'Une demande de suppression est déjà en cours de traitement.' }
  if (error) {
    console.error(`[compte] demande de suppression : ${error.code} ${error.message}`)
    return { ok: false as const, message: 'La demande n’a pas pu être enregistrée. Réessayez dans un instant.' }
  }
  if (request) notifyDeletionRequestLater(request.env, request.executionContext, userId, reason)
  return { ok: true as const }
}

/** RGPD export: the data model's export_my_data() RPC, as the user. */
export async function exportMyData(supabase: AppSupabaseClient) {
  return supabase.rpc('export_my_data')
}
