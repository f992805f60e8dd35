// One-shot messages carried across a redirect ("Mot de passe modifié.").
// Set on the redirect, read and cleared by the root loader, shown as a toast.
// The cookie holds only a short French sentence: nothing secret, so it is not
// signed; HttpOnly keeps page scripts away from it anyway.
import type { AppEnv } from './env.server.ts'
import type { Flash } from './flash.ts'

export type { Flash, FlashKind } from './flash.ts'

const COOKIE = 'nourx-flash'

export function flashCookie(flash: Flash, env: Pick<AppEnv, 'isLocalHttp'>): string {
  const value = encodeURIComponent(JSON.stringify(flash))
  return `${COOKIE}=${value}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax${env.isLocalHttp ? '' : '; Secure'}`
}

export function readFlash(request: Request, env: Pick<AppEnv, 'isLocalHttp'>): { flash: Flash | null; clear: string | null } {
  const raw = request.headers
    .get('Cookie')
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1)
  if (raw === undefined) return { flash: null, clear: null }
  const clear = `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${env.isLocalHttp ? '' : '; Secure'}`
  try {
    const parsed = JSON.parse(decodeURIComponent(raw)) as Partial<Flash>
    const kind = parsed.kind === 'success' || parsed.kind === 'error' || parsed.kind === 'info' ? parsed.kind : 'info'
    if (typeof parsed.message !== 'string' || parsed.message.length === 0) return { flash: null, clear }
    return { flash: { kind, message: parsed.message.slice(0, 300) }, clear }
  } catch {
    return { flash: null, clear }
  }
}

/** A redirect that also shows a message on the next page. */
export function redirectWithFlash(to: string, flash: Flash, env: Pick<AppEnv, 'isLocalHttp'>, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers)
  headers.set('Location', to)
  headers.append('Set-Cookie', flashCookie(flash, env))
  return new Response(null, { ...init, status: init?.status ?? 302, headers })
}
