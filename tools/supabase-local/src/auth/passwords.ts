// Passwords: bcrypt like GoTrue (cost 10, "$2a$" prefix as Go's bcrypt
// writes), and the strength check of api/password.go.
//
// Hashes written by pgcrypto's `crypt(pw, gen_salt('bf'))` — how seeds insert
// users in SQL — are "$2a$06$…" bcrypt hashes and verify as well.
import bcrypt from 'bcryptjs'
import type { AuthSettings } from '../config.ts'
import { badRequest, weakPassword } from './errors.ts'

const BCRYPT_COST = 10
/** bcrypt only looks at 72 bytes. */
const MAX_PASSWORD_LENGTH = 72

export async function hashPassword(password: string): Promise<string> {
  const salt = (await bcrypt.genSalt(BCRYPT_COST)).replace(/^\$2b\$/, '$2a$')
  return bcrypt.hash(password, salt)
}

/** False for an empty or non-bcrypt hash (users created without password). */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false
  try {
    return await bcrypt.compare(password, hash)
  } catch {
    return false
  }
}

/** Reasons a password is weak; empty when it is fine. */
export function passwordWeakness(settings: AuthSettings, password: string): { message: string; reasons: string[] } | null {
  const reasons: string[] = []
  const messages: string[] = []
  if (password.length < settings.minimumPasswordLength) {
    reasons.push('length')
    messages.push(`Password should be at least ${settings.minimumPasswordLength} characters.`)
  }
  return reasons.length ? { message: messages.join(' '), reasons } : null
}

/** checkPasswordStrength: 400 when too long for bcrypt, 422 weak_password when too weak. */
export function checkPasswordStrength(settings: AuthSettings, password: string) {
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`)
  }
  const weak = passwordWeakness(settings, password)
  if (weak) throw weakPassword(weak.message, weak.reasons)
}
