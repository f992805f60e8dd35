// auth.users and auth.identities, read and written the way GoTrue's models do,
// and the user JSON exactly as GoTrue renders it (Go `omitempty` on the
// optional timestamps, `email`/`phone` as "" when null, identities always
// present).
import { randomUUID } from 'node:crypto'
import type { Db } from './db.ts'
import { internal } from './errors.ts'

/** A row of auth.users (as `to_jsonb` gives it) plus its identities. */
export interface UserRow {
  id: string
  aud: string | null
  role: string | null
  email: string | null
  encrypted_password: string | null
  email_confirmed_at: string | null
  invited_at: string | null
  confirmation_token: string | null
  confirmation_sent_at: string | null
  recovery_token: string | null
  recovery_sent_at: string | null
  email_change_token_new: string | null
  email_change: string | null
  email_change_sent_at: string | null
  last_sign_in_at: string | null
  raw_app_meta_data: Record<string, unknown> | null
  raw_user_meta_data: Record<string, unknown> | null
  created_at: string | null
  updated_at: string | null
  phone: string | null
  phone_confirmed_at: string | null
  phone_change: string | null
  phone_change_sent_at: string | null
  confirmed_at: string | null
  email_change_token_current: string | null
  email_change_confirm_status: number | null
  banned_until: string | null
  reauthentication_sent_at: string | null
  is_sso_user: boolean
  deleted_at: string | null
  is_anonymous: boolean
  identities: IdentityRow[]
}

export interface IdentityRow {
  id: string
  provider_id: string
  user_id: string
  identity_data: Record<string, unknown> | null
  provider: string
  last_sign_in_at: string | null
  created_at: string | null
  updated_at: string | null
  email: string | null
}

/** The nil UUID GoTrue writes into instance_id. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000'

// One statement returns the user and its identities, timestamps rendered by
// Postgres (microseconds, UTC) so nothing is lost in a JS Date.
const SELECT_USER = `
  select to_jsonb(u) || jsonb_build_object('identities', coalesce((
           select jsonb_agg(to_jsonb(i) order by i.created_at, i.id)
             from auth.identities i where i.user_id = u.id), '[]'::jsonb)) as u
    from auth.users u`

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const r = await db.query(`${SELECT_USER} where u.id = $1`, [id])
  return (r.rows[0]?.u as UserRow) ?? null
}

/**
 * GoTrue's FindUserByEmailAndAudience. Seeds written in SQL often leave `aud`
 * or `instance_id` empty; we accept them (hosted GoTrue would not find a user
 * whose aud is not "authenticated").
 */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const r = await db.query(
    `${SELECT_USER} where lower(u.email) = lower($1) and u.is_sso_user = false
       and coalesce(nullif(u.aud, ''), 'authenticated') = 'authenticated'`,
    [email],
  )
  return (r.rows[0]?.u as UserRow) ?? null
}

export const isConfirmed = (u: UserRow) => u.email_confirmed_at !== null
export const isBanned = (u: UserRow) => u.banned_until !== null && Date.parse(u.banned_until) > Date.now()
export const hasPassword = (u: UserRow) => !!u.encrypted_password

/** Postgres JSON timestamp → Go's RFC 3339 rendering (UTC "Z", trailing zeros trimmed). */
export function goTime(ts: string | null | undefined): string | undefined {
  if (!ts) return undefined
  let s = ts.replace(' ', 'T').replace(/\+00(?::00)?$/, 'Z')
  s = s.replace(/\.(\d*?)0+Z$/, (_m, d: string) => (d ? `.${d}Z` : 'Z'))
  return s
}

/** Go marshals map[string]interface{} with sorted keys; jsonb does not keep that order. */
export function goMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goMap)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) out[k] = goMap((value as Record<string, unknown>)[k])
    return out
  }
  return value
}

function put(target: Record<string, unknown>, key: string, value: unknown) {
  if (value !== undefined && value !== null && value !== '') target[key] = value
}

export function renderIdentity(i: IdentityRow): Record<string, unknown> {
  const out: Record<string, unknown> = { identity_id: i.id, id: i.provider_id, user_id: i.user_id }
  if (i.identity_data && Object.keys(i.identity_data).length) out.identity_data = goMap(i.identity_data)
  out.provider = i.provider
  put(out, 'last_sign_in_at', goTime(i.last_sign_in_at))
  out.created_at = goTime(i.created_at) ?? '0001-01-01T00:00:00Z'
  out.updated_at = goTime(i.updated_at) ?? '0001-01-01T00:00:00Z'
  put(out, 'email', i.email)
  return out
}

/** The user object in GoTrue's field order (models.User JSON tags). */
export function renderUser(u: UserRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
  }
  put(out, 'email_confirmed_at', goTime(u.email_confirmed_at))
  put(out, 'invited_at', goTime(u.invited_at))
  out.phone = u.phone ?? ''
  put(out, 'phone_confirmed_at', goTime(u.phone_confirmed_at))
  put(out, 'confirmation_sent_at', goTime(u.confirmation_sent_at))
  put(out, 'confirmed_at', goTime(u.confirmed_at))
  put(out, 'recovery_sent_at', goTime(u.recovery_sent_at))
  put(out, 'new_email', u.email_change)
  put(out, 'email_change_sent_at', goTime(u.email_change_sent_at))
  put(out, 'new_phone', u.phone_change)
  put(out, 'phone_change_sent_at', goTime(u.phone_change_sent_at))
  put(out, 'reauthentication_sent_at', goTime(u.reauthentication_sent_at))
  put(out, 'last_sign_in_at', goTime(u.last_sign_in_at))
  // GoTrue renders a NULL metadata column as `null`; we render {} so seeds
  // that leave it empty do not crash apps reading app_metadata.role.
  out.app_metadata = goMap(u.raw_app_meta_data ?? {})
  out.user_metadata = goMap(u.raw_user_meta_data ?? {})
  out.identities = (u.identities ?? []).map(renderIdentity)
  out.created_at = goTime(u.created_at) ?? '0001-01-01T00:00:00Z'
  out.updated_at = goTime(u.updated_at) ?? '0001-01-01T00:00:00Z'
  put(out, 'banned_until', goTime(u.banned_until))
  put(out, 'deleted_at', goTime(u.deleted_at))
  out.is_anonymous = u.is_anonymous ?? false
  return out
}

export interface NewUser {
  id?: string
  email: string
  passwordHash: string
  data: Record<string, unknown>
}

export interface UserInsert {
  id: string
  email: string | null
  phone: string | null
  passwordHash: string
  userMeta: Record<string, unknown>
  appMeta: Record<string, unknown>
}

/**
 * tx.Create(user) as GoTrue does it: the row goes in with role '' and empty
 * (not NULL) token columns; the role is set by a second statement. Postgres
 * errors (e.g. a failing trigger) are left to the caller to word.
 */
export async function insertUser(db: Db, u: UserInsert) {
  await db.query(
    `insert into auth.users (
       instance_id, id, aud, role, email, phone, encrypted_password, raw_app_meta_data, raw_user_meta_data,
       created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change,
       email_change_token_current, phone_change, phone_change_token, reauthentication_token,
       is_sso_user, is_anonymous)
     values ($1, $2, 'authenticated', '', $3, $4, $5, $6, $7, now(), now(), '', '', '', '', '', '', '', '', false, false)`,
    [NIL_UUID, u.id, u.email?.toLowerCase() ?? null, u.phone, u.passwordHash, u.appMeta, u.userMeta],
  )
}

export async function setRole(db: Db, userId: string, role: string) {
  await db.query(`update auth.users set role = $2, updated_at = now() where id = $1`, [userId, role.trim()])
}

/**
 * GoTrue's signupNewUser + createNewIdentity, statement by statement, so that
 * an AFTER INSERT trigger on auth.users sees what it sees on hosted: the row
 * with `raw_user_meta_data` = the sign-up `data` and app_metadata
 * {provider, providers}. A failing trigger → 500 "Database error saving new user".
 */
export async function createEmailUser(db: Db, nu: NewUser): Promise<UserRow> {
  const id = nu.id ?? randomUUID()
  const email = nu.email.toLowerCase()
  try {
    await insertUser(db, {
      id, email, phone: null, passwordHash: nu.passwordHash, userMeta: nu.data,
      appMeta: { provider: 'email', providers: ['email'] },
    })
  } catch (e) {
    // The transaction is now aborted; the caller's withTx rolls it back.
    throw Object.assign(internal('Database error saving new user'), { cause: e })
  }
  await setRole(db, id, 'authenticated')
  await createIdentity(db, id, 'email', { sub: id, email, email_verified: false, phone_verified: false })
  const user = await findUserById(db, id)
  if (!user) throw internal('Database error loading user after sign-up')
  return user
}

/**
 * Creates an identity and merges its data into user_metadata; the identity's
 * keys (sub, email, email_verified, phone_verified) win over custom keys.
 */
export async function createIdentity(db: Db, userId: string, provider: string, identityData: Record<string, unknown>) {
  await db.query(
    `insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, now(), now(), now())`,
    [String(identityData.sub), userId, identityData, provider],
  )
  await mergeUserMetaData(db, userId, identityData)
}

/** GoTrue's UpdateUserMetaData: set keys, a null value removes the key. */
export async function mergeUserMetaData(db: Db, userId: string, updates: Record<string, unknown>) {
  await mergeJsonColumn(db, userId, 'raw_user_meta_data', updates)
}

/** GoTrue's UpdateAppMetaData, same merge rules. */
export async function mergeAppMetaData(db: Db, userId: string, updates: Record<string, unknown>) {
  await mergeJsonColumn(db, userId, 'raw_app_meta_data', updates)
}

async function mergeJsonColumn(db: Db, userId: string, column: 'raw_user_meta_data' | 'raw_app_meta_data', updates: Record<string, unknown>) {
  const set: Record<string, unknown> = {}
  const remove: string[] = []
  for (const [k, v] of Object.entries(updates)) {
    if (v === null || v === undefined) remove.push(k)
    else set[k] = v
  }
  await db.query(
    `update auth.users set ${column} = (coalesce(${column}, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = now()
      where id = $1`,
    [userId, set, remove],
  )
}

/** Recomputes app_metadata.provider(s) from the identities (UpdateAppMetaDataProviders). */
export async function refreshProviders(db: Db, userId: string) {
  const r = await db.query(
    `select provider from auth.identities where user_id = $1 group by provider order by min(created_at)`,
    [userId],
  )
  const providers = r.rows.map((row) => row.provider as string)
  const payload: Record<string, unknown> = { providers }
  if (providers.length) payload.provider = providers[0]
  await mergeAppMetaData(db, userId, payload)
}

/** Confirms the email (User.Confirm): stamps email_confirmed_at, email_verified in user_metadata. */
export async function confirmEmail(db: Db, userId: string) {
  await db.query(
    `update auth.users set confirmation_token = '', email_confirmed_at = now(), updated_at = now() where id = $1`,
    [userId],
  )
  await mergeUserMetaData(db, userId, { email_verified: true })
  await clearOneTimeTokens(db, userId)
}

/** Marks the email identity verified (done when a sign-up link is confirmed). */
export async function markEmailIdentityVerified(db: Db, userId: string, email: string | null) {
  if (!email) return
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
      where user_id = $1 and email = lower($2)`,
    [userId, email],
  )
}

export async function clearOneTimeTokens(db: Db, userId: string, tokenType?: string) {
  if (tokenType) {
    await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [userId, tokenType])
  } else {
    await db.query('delete from auth.one_time_tokens where user_id = $1', [userId])
  }
}

/** GoTrue keeps each pending token in auth.one_time_tokens too (one per type and user). */
export async function recordOneTimeToken(db: Db, userId: string, tokenType: string, tokenHash: string, relatesTo: string) {
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, now(), now())
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to, updated_at = now()`,
    [userId, tokenType, tokenHash, relatesTo],
  )
}
