// Where to send someone after login: only paths of this app, never another
// origin. `redirectTo` arrives from the query string, so it is hostile input.

export type Role = 'admin' | 'client'

const PROBE_ORIGIN = 'http://nourx.invalid'

/** Pages that make no sense as a post-login destination. */
const AUTH_PATHS = ['/connexion', '/deconnexion', '/auth/confirm', '/mot-de-passe-oublie']

/**
 * Returns a same-origin path (with its query and hash) or null.
 * Refused: absolute URLs, protocol-relative `//host`, backslash tricks
 * (`/\host`, which browsers read as `//host`), control characters and
 * whitespace (browsers strip tabs/newlines, turning `/\t/host` into `//host`),
 * and anything that does not resolve to this origin.
 */
export function sanitizeRedirect(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (value.length === 0 || value.length > 2048) return null
  if (!value.startsWith('/') || value.startsWith('//')) return null
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return null
  let url: URL
  try {
    url = new URL(value, PROBE_ORIGIN)
  } catch {
    return null
  }
  if (url.origin !== PROBE_ORIGIN) return null
  if (AUTH_PATHS.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return null
  return `${url.pathname}${url.search}${url.hash}`
}

export function homeFor(role: Role): string {
  return role === 'admin' ? '/admin' : '/dashboard'
}

const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/') || path.startsWith('/admin?')

/**
 * The landing page after login: the requested page when it is safe and
 * meant for this role, else the role's home.
 */
export function landingFor(role: Role, redirectTo: unknown): string {
  const safe = sanitizeRedirect(redirectTo)
  if (!safe) return homeFor(role)
  if (role === 'client' && isAdminPath(safe)) return homeFor(role)
  if (role === 'admin' && !isAdminPath(safe)) return homeFor(role)
  if (safe === '/') return homeFor(role)
  return safe
}

/** `/connexion?redirectTo=<current path>` for a request that needs a session. */
export function loginUrlFor(request: Request): string {
  const url = new URL(request.url)
  const here = `${url.pathname}${url.search}`
  const safe = sanitizeRedirect(here)
  return safe && safe !== '/' ? `/connexion?redirectTo=${encodeURIComponent(safe)}` : '/connexion'
}
