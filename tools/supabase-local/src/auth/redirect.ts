// Where GoTrue is allowed to send the browser back to (`redirect_to`).
//
// Mirrors `utilities.IsRedirectURLValid` / `GetReferrer`: a redirect is
// accepted when it points back at SITE_URL (same scheme and host; same port
// unless loopback), when it is a loopback IP, or when it matches one of the
// additional redirect URLs, which are globs compiled with `.` and `/` as
// separators (gobwas/glob): `*` stops at those separators, `**` does not.
// Anything else silently falls back to SITE_URL.
import type { AuthSettings } from '../config.ts'

const DECIMAL_IP = /^[0-9]+$/
const REGULAR_HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/

const globCache = new Map<string, RegExp>()

/** Compiles a gobwas-style glob (separators `.` and `/`) to an anchored RegExp. */
export function compileGlob(pattern: string): RegExp {
  const cached = globCache.get(pattern)
  if (cached) return cached
  let re = ''
  let i = 0
  let inAlternatives = 0
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[i + 1])
      i += 2
      continue
    }
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*'
        i += 2
      } else {
        re += '[^./]*'
        i += 1
      }
      continue
    }
    if (ch === '?') {
      re += '[^./]'
      i += 1
      continue
    }
    if (ch === '[') {
      const end = pattern.indexOf(']', i + 1)
      if (end > i) {
        let body = pattern.slice(i + 1, end)
        const negate = body.startsWith('!')
        if (negate) body = body.slice(1)
        re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`
        i = end + 1
        continue
      }
    }
    if (ch === '{') {
      inAlternatives += 1
      re += '(?:'
      i += 1
      continue
    }
    if (ch === '}' && inAlternatives > 0) {
      inAlternatives -= 1
      re += ')'
      i += 1
      continue
    }
    if (ch === ',' && inAlternatives > 0) {
      re += '|'
      i += 1
      continue
    }
    re += escapeRe(ch)
    i += 1
  }
  const compiled = new RegExp(`^${re}$`)
  globCache.set(pattern, compiled)
  return compiled
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function isLoopbackIp(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '')
  return /^127(\.\d{1,3}){3}$/.test(h) || h === '::1'
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || isLoopbackIp(host)
}

function tryUrl(s: string): URL | null {
  try {
    return new URL(s)
  } catch {
    return null
  }
}

export function isRedirectUrlValid(settings: AuthSettings, redirectUrl: string): boolean {
  if (!redirectUrl) return false
  // Control characters and spaces are never valid in a URL.
  if (/[\u0000-\u0020\u007f]/.test(redirectUrl)) return false
  const base = tryUrl(settings.siteUrl)
  if (!base) return false
  const ref = tryUrl(redirectUrl)
  if (!ref && /^https?:\/\//i.test(redirectUrl)) return false
  if (ref) {
    const host = ref.hostname
    if (
      base.hostname === host &&
      base.protocol === ref.protocol &&
      (base.port === ref.port || isLocalhost(host))
    ) {
      return true
    }
    const isHttp = ref.protocol === 'http:' || ref.protocol === 'https:'
    if (DECIMAL_IP.test(host)) return false
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) return isLoopbackIp(host)
    if (isHttp && !REGULAR_HOSTNAME.test(host)) return false
  }
  const matchAgainst = redirectUrl.split('#')[0]
  return settings.additionalRedirectUrls.some((pattern) => compileGlob(pattern).test(matchAgainst))
}

/**
 * GoTrue's `GetReferrer`: the `redirect_to` header or query parameter when it
 * is allowed, else the Referer header when allowed, else SITE_URL.
 */
export function referrer(settings: AuthSettings, req: { header(name: string): string | undefined; query(name: string): string | undefined }): string {
  const candidate = req.header('redirect_to') || req.query('redirect_to') || ''
  if (isRedirectUrlValid(settings, candidate)) return candidate
  const referer = req.header('referer') ?? ''
  if (isRedirectUrlValid(settings, referer)) return referer
  return settings.siteUrl
}
