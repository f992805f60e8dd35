// Auth emails: one-time codes, token hashes, links and templates.
//
// As GoTrue does: the code is N random digits, the token hash is
// hex(sha224(email + code)), PKCE flows store the hash prefixed with "pkce_",
// and `{{ .ConfirmationURL }}` is
//   <api>/auth/v1/verify?token=<hash>&type=<type>&redirect_to=<url>
// Each email also carries the 6-digit code, the TokenHash, and a ready-made
// "token_hash link" (<redirect_to or site_url>?token_hash=…&type=…) for apps
// that verify on their own server with verifyOtp({ token_hash, type }) — the
// @supabase/ssr template style. See NOTES.md for which one to use.
import { createHash, randomInt } from 'node:crypto'
import type { ServiceContext } from '../context.ts'
import { tooManyRequests } from './errors.ts'

export type EmailKind = 'signup' | 'magiclink' | 'recovery' | 'invite' | 'email_change'

export const MAIL_FROM = 'Supabase Auth <noreply@mail.app.supabase.io>'

export function generateOtp(length: number): string {
  let s = ''
  for (let i = 0; i < length; i++) s += String(randomInt(10))
  return s
}

/** crypto.GenerateTokenHash: hex(sha224(emailOrPhone + otp)). */
export function tokenHash(emailOrPhone: string, otp: string): string {
  return createHash('sha224').update(emailOrPhone + otp).digest('hex')
}

export const withFlowPrefix = (hash: string, pkce: boolean) => (pkce ? `pkce_${hash}` : hash)

/**
 * GoTrue's validateSentWithinFrequencyLimit (SMTP max_frequency), per address
 * and per kind of email (the `*_sent_at` column it is stamped in).
 */
export function checkFrequency(ctx: ServiceContext, sentAt: string | null | undefined) {
  if (!sentAt) return
  const frequencyMs = ctx.config.auth.emailMaxFrequency * 1000
  const leftMs = Date.parse(sentAt) + frequencyMs - Date.now()
  if (leftMs > 0) {
    const left = Math.trunc(leftMs / 1000)
    throw tooManyRequests(
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${left} seconds.`,
    )
  }
}

/** `{{ .ConfirmationURL }}`: the link through GET /auth/v1/verify. */
export function confirmationUrl(ctx: ServiceContext, hash: string, type: string, redirectTo: string): string {
  return `${ctx.config.apiUrl}/auth/v1/verify?token=${encodeURIComponent(hash)}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`
}

/** The verifyOtp type the token_hash link should carry (the SSR guide's values). */
const TOKEN_HASH_TYPE: Record<EmailKind, string> = {
  signup: 'email',
  magiclink: 'email',
  recovery: 'recovery',
  invite: 'invite',
  email_change: 'email_change',
}

/** `<redirect_to or site_url>?token_hash=<hash>&type=<type>` for server-side verification. */
export function tokenHashUrl(base: string, hash: string, kind: EmailKind): string {
  try {
    const u = new URL(base)
    u.searchParams.set('token_hash', hash)
    u.searchParams.set('type', TOKEN_HASH_TYPE[kind])
    return u.toString()
  } catch {
    return `${base}?token_hash=${encodeURIComponent(hash)}&type=${TOKEN_HASH_TYPE[kind]}`
  }
}

const SUBJECTS: Record<EmailKind, string> = {
  signup: 'Confirmez votre adresse e-mail',
  magiclink: 'Votre lien de connexion',
  recovery: 'Réinitialisation du mot de passe',
  invite: 'Vous avez reçu une invitation',
  email_change: "Confirmez le changement d'adresse e-mail",
}

const INTROS: Record<EmailKind, (d: EmailData) => string> = {
  signup: () => 'Suivez ce lien pour confirmer votre adresse e-mail :',
  magiclink: () => 'Suivez ce lien pour vous connecter :',
  recovery: () => 'Suivez ce lien pour choisir un nouveau mot de passe :',
  invite: (d) => `Vous êtes invité(e) à créer un compte sur ${d.siteUrl}. Suivez ce lien pour accepter l'invitation :`,
  email_change: (d) => `Suivez ce lien pour confirmer le remplacement de l'adresse ${d.email} par ${d.newEmail} :`,
}

export interface EmailData {
  to: string
  kind: EmailKind
  otp: string
  /** The stored token (with its pkce_ prefix when PKCE). */
  hash: string
  /** Validated redirect_to, or SITE_URL. */
  redirectTo: string
  siteUrl: string
  email: string
  newEmail?: string
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Sends one auth email to the local mailbox. */
export async function sendAuthEmail(ctx: ServiceContext, d: EmailData): Promise<void> {
  const link = confirmationUrl(ctx, d.hash, d.kind, d.redirectTo)
  const hashLink = tokenHashUrl(d.redirectTo, d.hash, d.kind)
  const intro = INTROS[d.kind](d)
  const text = [
    intro,
    link,
    '',
    `Ou saisissez ce code : ${d.otp}`,
    '',
    '--- Détails techniques (serveur Supabase local) ---',
    `ConfirmationURL : ${link}`,
    `Token : ${d.otp}`,
    `TokenHash : ${d.hash}`,
    `Lien token_hash (vérification côté serveur, verifyOtp({ token_hash, type: '${TOKEN_HASH_TYPE[d.kind]}' })) : ${hashLink}`,
    `RedirectTo : ${d.redirectTo}`,
    '',
  ].join('\n')
  const html = `<h2>${esc(SUBJECTS[d.kind])}</h2>
<p>${esc(intro)}</p>
<p><a href="${esc(link)}" data-link="confirmation-url">${esc(link)}</a></p>
<p>Ou saisissez ce code : <strong data-token="otp">${esc(d.otp)}</strong></p>
<hr>
<p><small>Détails techniques (serveur Supabase local)</small></p>
<ul>
<li>TokenHash : <code data-token="token-hash">${esc(d.hash)}</code></li>
<li>Lien token_hash (vérification côté serveur avec <code>verifyOtp({ token_hash, type: '${TOKEN_HASH_TYPE[d.kind]}' })</code>) :
<a href="${esc(hashLink)}" data-link="token-hash-url">${esc(hashLink)}</a></li>
</ul>`
  await ctx.mailer.send({ to: [d.to], from: MAIL_FROM, subject: SUBJECTS[d.kind], text, html })
}
