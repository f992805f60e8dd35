// Loaders, actions, guards and middleware of the foundation, called in
// workerd against the real local Supabase (seeded demo accounts).
import { createClient } from '@supabase/supabase-js'
import { inject } from 'vitest'
import { describe, expect, it } from 'vitest'
import { isRouteErrorResponse } from 'react-router'
import { getSessionUser, requireAdmin, requireClient, requireFreshUser, requireUser } from '../../app/lib/auth.server.ts'
import { getClientProjects } from '../../app/lib/projects.server.ts'
import * as root from '../../app/root.tsx'
import * as confirm from '../../app/routes/_auth.auth.confirm.tsx'
import * as connexion from '../../app/routes/_auth.connexion.tsx'
import * as motDePasseOublie from '../../app/routes/_auth.mot-de-passe-oublie.tsx'
import * as projetCourant from '../../app/routes/api.projet-courant.tsx'
import * as deconnexion from '../../app/routes/deconnexion.tsx'
import { APP, cookieHeader, form, get, PASSWORD, routeArgs, settle, unwrap } from './support/route-context.ts'

const ACME = 'client@acme.test'
const BAOBAB = 'client@baobab.test'
const ADMIN = 'admin@nourx.test'
const ACME_PROJECT = '30000000-0000-4000-8000-000000000001'
const ACME_DRAFT_PROJECT = '30000000-0000-4000-8000-000000000002'
const BAOBAB_PROJECT = '30000000-0000-4000-8000-000000000003'

/** Signs in through the /connexion action; returns where it redirected and the cookies. */
async function signIn(email: string, redirectTo?: string) {
  const args = routeArgs(form({ intent: 'password', email, password: PASSWORD, ...(redirectTo ? { redirectTo } : {}) }, '/connexion'))
  const { thrown, value } = await settle(() => connexion.action(args as never))
  expect(thrown, 'the action redirects').toBe(true)
  const response = value as Response
  return {
    location: response.headers.get('Location'),
    status: response.status,
    setCookies: args.authHeaders.getSetCookie(),
    cookie: cookieHeader(args.authHeaders.getSetCookie()),
  }
}

function admin() {
  const s = inject('supabase')
  return createClient(s.url, s.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
}

describe('/connexion', () => {
  it('signs a client in and lands on /dashboard with an HttpOnly, SameSite=Lax session cookie', async () => {
    const result = await signIn(ACME)
    expect(result.status).toBe(302)
    expect(result.location).toBe('/dashboard')
    const session = result.setCookies.find((c) => /^sb-[^=]+-auth-token(\.0)?=/.test(c))
    expect(session).toBeDefined()
    expect(session).toMatch(/HttpOnly/i)
    expect(session).toMatch(/SameSite=Lax/i)
    expect(session).toMatch(/Path=\//)
    // APP_URL is http in these tests: no Secure flag (it would be dropped by browsers).
    expect(session).not.toMatch(/Secure/i)
  })

  it('sends an admin to /admin', async () => {
    expect((await signIn(ADMIN)).location).toBe('/admin')
  })

  it('honours a safe redirectTo and ignores a foreign one', async () => {
    expect((await signIn(ACME, '/taches?vue=kanban')).location).toBe('/taches?vue=kanban')
    expect((await signIn(ACME, 'https://evil.example/')).location).toBe('/dashboard')
    expect((await signIn(ACME, '//evil.example')).location).toBe('/dashboard')
    expect((await signIn(ACME, '/admin')).location).toBe('/dashboard')
  })

  it('refuses a wrong password in French and keeps the e-mail', async () => {
    const args = routeArgs(form({ intent: 'password', email: ACME, password: 'faux' }, '/connexion'))
    const { thrown, value } = await settle(() => connexion.action(args as never))
    expect(thrown).toBe(false)
    const { data, status } = unwrap(value)
    expect(status).toBe(400)
    expect(data).toMatchObject({ formError: 'E-mail ou mot de passe incorrect.', fields: { email: ACME } })
    expect(args.authHeaders.getSetCookie().filter((c) => c.includes('auth-token='))).toEqual([])
  })

  it('validates the fields before calling Supabase', async () => {
    const { value } = await settle(() =>
      connexion.action(routeArgs(form({ intent: 'password', email: 'pas-un-email', password: '' }, '/connexion')) as never),
    )
    const { data, status } = unwrap(value)
    expect(status).toBe(400)
    expect(data.errors.email).toEqual(['Adresse e-mail invalide.'])
    expect(data.errors.password).toEqual(['Saisissez votre mot de passe.'])
  })

  it('answers the same to a magic-link request for a known and an unknown address', async () => {
    const mailUrl = inject('mailUrl')
    const since = new Date(Date.now() - 1000).toISOString()
    const known = unwrap((await settle(() => connexion.action(routeArgs(form({ intent: 'magic-link', email: BAOBAB }, '/connexion')) as never))).value)
    const unknown = unwrap(
      (await settle(() => connexion.action(routeArgs(form({ intent: 'magic-link', email: 'nobody@nowhere.test' }, '/connexion')) as never))).value,
    )
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(known.data.notice.replace(BAOBAB, 'X')).toBe(unknown.data.notice.replace('nobody@nowhere.test', 'X'))
    const mails = (await (await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(BAOBAB)}`)).json()) as { created_at: string; html: string }[]
    const mail = mails.find((m) => m.created_at > since)
    expect(mail, 'a magic link e-mail').toBeDefined()
    // The link comes back to this app's /auth/confirm.
    expect(decodeURIComponent(mail!.html)).toContain(`${APP}/auth/confirm`)
    const none = await (await fetch(`${mailUrl}/api/messages?to=nobody%40nowhere.test`)).json()
    expect(none).toEqual([])
  })

  it('sends a signed-in visitor straight to their home', async () => {
    const { cookie } = await signIn(ADMIN)
    const { thrown, value } = await settle(() => connexion.loader(routeArgs(get('/connexion', cookie)) as never))
    expect(thrown).toBe(true)
    expect((value as Response).headers.get('Location')).toBe('/admin')
  })
})

describe('guards', () => {
  it('sends an anonymous visitor to /connexion?redirectTo=<page>', async () => {
    const { thrown, value } = await settle(() => requireUser(routeArgs(get('/taches?vue=liste'))))
    expect(thrown).toBe(true)
    expect((value as Response).status).toBe(302)
    expect((value as Response).headers.get('Location')).toBe('/connexion?redirectTo=%2Ftaches%3Fvue%3Dliste')
  })

  it('treats a forged cookie as anonymous', async () => {
    const forged = 'sb-127-auth-token=base64-eyJhY2Nlc3NfdG9rZW4iOiJ4In0'
    expect(await getSessionUser(routeArgs(get('/dashboard', forged)))).toBeNull()
  })

  it('lets a client into the portal and refuses the back office with a 403', async () => {
    const { cookie } = await signIn(ACME)
    const user = await requireClient(routeArgs(get('/dashboard', cookie)))
    expect(user).toMatchObject({ email: ACME, role: 'client' })
    const { thrown, value } = await settle(() => requireAdmin(routeArgs(get('/admin', cookie))))
    expect(thrown).toBe(true)
    expect(isRouteErrorResponse(value) || (value as { init?: { status: number } }).init?.status === 403).toBe(true)
    expect((value as { init: { status: number } }).init.status).toBe(403)
  })

  it('sends an admin away from client pages (GET) and refuses their client writes', async () => {
    const { cookie } = await signIn(ADMIN)
    expect(await requireAdmin(routeArgs(get('/admin', cookie)))).toMatchObject({ role: 'admin' })
    const page = await settle(() => requireClient(routeArgs(get('/taches', cookie))))
    expect((page.value as Response).headers.get('Location')).toBe('/admin')
    const write = await settle(() => requireClient(routeArgs(form({}, '/taches', cookie))))
    expect((write.value as { init: { status: number } }).init.status).toBe(403)
  })

  it('requireFreshUser asks the auth server: a signed-out session can no longer write', async () => {
    const { cookie } = await signIn(BAOBAB)
    expect(await requireFreshUser(routeArgs(get('/parametres', cookie)))).toMatchObject({ email: BAOBAB })
    // Sign out (scope local) with these cookies: the session row is deleted.
    const out = routeArgs(form({}, '/deconnexion', cookie))
    const { value } = await settle(() => deconnexion.action(out as never))
    expect((value as Response).headers.get('Location')).toBe('/connexion')
    // The browser would drop the cookies; an attacker replaying them gets nowhere on sensitive writes.
    const replay = await settle(() => requireFreshUser(routeArgs(form({}, '/parametres', cookie))))
    expect(replay.thrown).toBe(true)
    expect((replay.value as Response).headers.get('Location')).toMatch(/^\/connexion/)
  })
})

describe('/deconnexion', () => {
  it('clears the session cookies and says so', async () => {
    const { cookie } = await signIn(ACME)
    const args = routeArgs(form({}, '/deconnexion', cookie))
    const { value } = await settle(() => deconnexion.action(args as never))
    const response = value as Response
    expect(response.headers.get('Location')).toBe('/connexion')
    expect(response.headers.get('Set-Cookie')).toContain('nourx-flash=')
    const cleared = args.authHeaders.getSetCookie().filter((c) => c.includes('auth-token'))
    expect(cleared.length).toBeGreaterThan(0)
    for (const c of cleared) expect(c).toMatch(/Max-Age=0/)
  })
})

describe('root middleware', () => {
  it('copies the auth cookies onto a thrown redirect', async () => {
    const request = form({ intent: 'password', email: ACME, password: PASSWORD }, '/connexion')
    const args = routeArgs(request)
    const middleware = root.middleware[0]
    const response = (await middleware(args as never, async () => {
      // What React Router does with a redirect thrown by the action: it becomes the response.
      const { value } = await settle(() => connexion.action(args as never))
      return value as Response
    })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.getSetCookie().some((c) => /auth-token/.test(c))).toBe(true)
    // and the no-cache headers @supabase/ssr asks for on responses carrying a session
    expect(response.headers.get('Cache-Control')).toContain('no-store')
  })
})

describe('/auth/confirm', () => {
  it('opens a session from a token_hash link and lands by role', async () => {
    const { data, error } = await admin().auth.admin.generateLink({ type: 'magiclink', email: ACME })
    expect(error).toBeNull()
    const args = routeArgs(get(`/auth/confirm?token_hash=${data.properties!.hashed_token}&type=email&next=%2Fdocuments`))
    const { thrown, value } = await settle(() => confirm.loader(args as never))
    expect(thrown).toBe(true)
    expect((value as Response).headers.get('Location')).toBe('/documents')
    expect(args.authHeaders.getSetCookie().some((c) => /auth-token=/.test(c))).toBe(true)
  })

  it('sends a recovery link to the new-password page', async () => {
    const { data } = await admin().auth.admin.generateLink({ type: 'recovery', email: BAOBAB })
    const { value } = await settle(() =>
      confirm.loader(routeArgs(get(`/auth/confirm?token_hash=${data.properties!.hashed_token}&type=recovery`)) as never),
    )
    expect((value as Response).headers.get('Location')).toBe('/reinitialiser-mot-de-passe')
  })

  it('explains an expired or reused link in French', async () => {
    const expired = unwrap((await settle(() => confirm.loader(routeArgs(get('/auth/confirm?error=access_denied&error_code=otp_expired')) as never))).value)
    expect(expired.status).toBe(400)
    expect(expired.data.error).toBe('Ce lien a expiré ou a déjà été utilisé. Demandez-en un nouveau.')
    const bogus = unwrap((await settle(() => confirm.loader(routeArgs(get('/auth/confirm?token_hash=deadbeef&type=email')) as never))).value)
    expect(bogus.status).toBe(400)
    expect(bogus.data.error).toMatch(/lien/i)
  })

  it('refuses an unknown PKCE code without opening a session', async () => {
    const args = routeArgs(get('/auth/confirm?code=00000000-0000-4000-8000-000000000000'))
    const { thrown, value } = await settle(() => confirm.loader(args as never))
    expect(thrown).toBe(false)
    expect(unwrap(value).status).toBe(400)
    expect(args.authHeaders.getSetCookie().filter((c) => /auth-token=[^;]/.test(c) && !/Max-Age=0/.test(c))).toEqual([])
  })
})

describe('/mot-de-passe-oublie', () => {
  it('sends the reset e-mail with a link back to /auth/confirm, same answer for unknown addresses', async () => {
    const known = unwrap((await settle(() => motDePasseOublie.action(routeArgs(form({ email: ADMIN }, '/mot-de-passe-oublie')) as never))).value)
    const unknown = unwrap((await settle(() => motDePasseOublie.action(routeArgs(form({ email: 'x@y.test' }, '/mot-de-passe-oublie')) as never))).value)
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(known.data.notice).toContain('lien de réinitialisation')
    const invalid = unwrap((await settle(() => motDePasseOublie.action(routeArgs(form({ email: '' }, '/mot-de-passe-oublie')) as never))).value)
    expect(invalid.status).toBe(400)
    expect(invalid.data.errors).toEqual(['Saisissez votre adresse e-mail.'])
  })
})

describe('projects and the switcher', () => {
  it('lists only what RLS shows: ACME two projects (active first), Baobab one', async () => {
    const acme = await signIn(ACME)
    const a = await getClientProjects(get('/dashboard', acme.cookie), routeArgs(get('/dashboard', acme.cookie)).context)
    expect(a.projects.map((p) => p.id)).toEqual([ACME_PROJECT, ACME_DRAFT_PROJECT])
    expect(a.current?.id).toBe(ACME_PROJECT)
    const baobab = await signIn(BAOBAB)
    const b = await getClientProjects(get('/dashboard', baobab.cookie), routeArgs(get('/dashboard', baobab.cookie)).context)
    expect(b.projects.map((p) => p.id)).toEqual([BAOBAB_PROJECT])
  })

  it('switches to one of the client’s projects and remembers it', async () => {
    const { cookie } = await signIn(ACME)
    const { value } = await settle(() =>
      projetCourant.action(routeArgs(form({ projectId: ACME_DRAFT_PROJECT, redirectTo: '/projet' }, '/api/projet-courant', cookie)) as never),
    )
    const response = value as Response
    expect(response.headers.get('Location')).toBe('/projet')
    const setCookie = response.headers.get('Set-Cookie') ?? ''
    expect(setCookie).toContain(`nourx-projet=${ACME_DRAFT_PROJECT}`)
    expect(setCookie).toMatch(/HttpOnly/)
    const next = `${cookie}; nourx-projet=${ACME_DRAFT_PROJECT}`
    const projects = await getClientProjects(get('/projet', next), routeArgs(get('/projet', next)).context)
    expect(projects.current?.id).toBe(ACME_DRAFT_PROJECT)
  })

  it('refuses another company’s project (404) and ignores a stale cookie pointing at it', async () => {
    const { cookie } = await signIn(ACME)
    const { value } = await settle(() =>
      projetCourant.action(routeArgs(form({ projectId: BAOBAB_PROJECT }, '/api/projet-courant', cookie)) as never),
    )
    expect((value as { init: { status: number } }).init.status).toBe(404)
    const stale = `${cookie}; nourx-projet=${BAOBAB_PROJECT}`
    const projects = await getClientProjects(get('/projet', stale), routeArgs(get('/projet', stale)).context)
    expect(projects.current?.id).toBe(ACME_PROJECT)
  })

  it('refuses anonymous callers and malformed ids', async () => {
    const anonymous = await settle(() => projetCourant.action(routeArgs(form({ projectId: ACME_PROJECT }, '/api/projet-courant')) as never))
    expect((anonymous.value as Response).headers.get('Location')).toMatch(/^\/connexion/)
    const { cookie } = await signIn(ACME)
    const malformed = await settle(() => projetCourant.action(routeArgs(form({ projectId: "1' or 1=1" }, '/api/projet-courant', cookie)) as never))
    expect((malformed.value as { init: { status: number } }).init.status).toBe(400)
  })
})
