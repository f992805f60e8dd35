// Paramètres loader and action, the RGPD export and the avatar route, in
// workerd, against the local stack. Each test works on a throwaway member of
// ACME (password of the demo accounts, so the shared sign-in helper works),
// never on the seeded users other tests read.
import { describe, expect, it } from 'vitest'
import { action, loader } from '~/routes/_client.parametres.tsx'
import { loader as avatarLoader } from '~/routes/api.compte.avatar.tsx'
import { loader as exportLoader } from '~/routes/api.compte.export.tsx'
import { ACME, adminClient, APP, buildContext, callAction, callLoader, IDS, PASSWORD, sessionCookie } from './client-support.ts'

async function member(name = 'Adjoua Test') {
  const admin = adminClient()
  const email = `compte-${Date.now()}-${Math.floor(Math.random() * 1e6)}@workers.test`
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name: name } })
  if (error) throw error
  const link = await admin.from('client_members').insert({ client_id: IDS.acmeClient, user_id: data.user.id, role: 'member' })
  if (link.error) throw link.error
  return { email, id: data.user.id }
}

async function raw(loaderFn: (args: any) => unknown, as: string | null, path: string) {
  const headers = new Headers()
  if (as) headers.set('Cookie', await sessionCookie(as))
  const request = new Request(`${APP}${path}`, { headers })
  try {
    return (await loaderFn({ request, context: buildContext(request), params: {} })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    const d = thrown as { type?: string; init?: ResponseInit; data?: unknown }
    if (d?.type === 'DataWithResponseInit') return new Response(JSON.stringify(d.data), { status: d.init?.status ?? 500 })
    throw thrown
  }
}

describe('settings loader', () => {
  it('shows the profile and every notification event with the data model’s defaults (e-mail on, WhatsApp off)', async () => {
    const user = await member()
    const { status, data } = await callLoader(loader, { as: user.email, path: '/parametres' })
    expect(status).toBe(200)
    expect(data.account).toMatchObject({ email: user.email, full_name: 'Adjoua Test', preferred_contact: 'email', analytics_consent: null, deletion: null })
    expect(data.account.preferences).toHaveLength(8)
    expect(data.account.preferences.every((p: { email: boolean; whatsapp: boolean }) => p.email && !p.whatsapp)).toBe(true)
  })

  it('reads the seeded preferences of the demo client, and sends the anonymous to the login page', async () => {
    const { data } = await callLoader(loader, { as: ACME, path: '/parametres' })
    const byEvent = Object.fromEntries(data.account.preferences.map((p: { event: string }) => [p.event, p]))
    expect(byEvent.task_comment).toMatchObject({ email: false, whatsapp: false })
    expect(byEvent.payment_received).toMatchObject({ email: true, whatsapp: true })
    const anonymous = await callLoader(loader, { as: null, path: '/parametres' })
    expect(anonymous.status).toBe(302)
  })
})

describe('settings action', () => {
  it('saves the profile and contact methods; refuses a bad phone and a preferred channel without its number', async () => {
    const user = await member()
    const bad = await callAction(action, {
      as: user.email,
      path: '/parametres',
      form: { intent: 'profil', fullName: 'A', phone: 'abc', whatsapp: '', preferredContact: 'whatsapp' },
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.errors).sort()).toEqual(['fullName', 'phone', 'whatsapp'])
    expect(bad.data.values.phone).toBe('abc')
    const ok = await callAction(action, {
      as: user.email,
      path: '/parametres',
      form: { intent: 'profil', fullName: 'Adjoua Kouassi', phone: '+225 07 12 34 56 78', whatsapp: '', preferredContact: 'phone' },
    })
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/parametres#profil')
    const { data: row } = await adminClient().from('profiles').select('full_name, phone, whatsapp, preferred_contact, role').eq('id', user.id).single()
    expect(row).toEqual({ full_name: 'Adjoua Kouassi', phone: '+225 07 12 34 56 78', whatsapp: null, preferred_contact: 'phone', role: 'client' })
  })

  it('stores one row per notification event, ticked or not', async () => {
    const user = await member()
    const res = await callAction(action, {
      as: user.email,
      path: '/parametres',
      form: { intent: 'notifications', 'invoice_sent:email': 'on', 'invoice_sent:whatsapp': 'on', 'ticket_reply:email': 'on' },
    })
    expect(res.status).toBe(302)
    const { data: rows } = await adminClient().from('notification_preferences').select('event, email, whatsapp').eq('user_id', user.id)
    expect(rows).toHaveLength(8)
    const byEvent = Object.fromEntries(rows!.map((r) => [r.event, r]))
    expect(byEvent.invoice_sent).toMatchObject({ email: true, whatsapp: true })
    expect(byEvent.ticket_reply).toMatchObject({ email: true, whatsapp: false })
    expect(byEvent.task_comment).toMatchObject({ email: false, whatsapp: false })
  })

  it('records the analytics consent with its time; refuses a missing answer', async () => {
    const user = await member()
    expect((await callAction(action, { as: user.email, path: '/x', form: { intent: 'consentement' } })).status).toBe(400)
    const res = await callAction(action, { as: user.email, path: '/x', form: { intent: 'consentement', analytics: 'oui' } })
    expect(res.status).toBe(302)
    const { data: row } = await adminClient().from('profiles').select('analytics_consent, analytics_consent_at').eq('id', user.id).single()
    expect(row!.analytics_consent).toBe(true)
    expect(row!.analytics_consent_at).toBeTruthy()
  })

  it('files one deletion request that the admin can read; a second one is refused while pending', async () => {
    const user = await member()
    const unconfirmed = await callAction(action, { as: user.email, path: '/x', form: { intent: 'suppression', reason: 'Départ' } })
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.data.errors.confirm).toBeDefined()
    const ok = await callAction(action, { as: user.email, path: '/x', form: { intent: 'suppression', reason: 'Départ', confirm: 'on' } })
    expect(ok.status).toBe(302)
    const again = await callAction(action, { as: user.email, path: '/x', form: { intent: 'suppression', confirm: 'on' } })
    expect(again.status).toBe(409)
    expect(again.data.formError).toMatch(/déjà en cours/)
    const { data: rows } = await adminClient().from('account_deletion_requests').select('status, reason').eq('user_id', user.id)
    expect(rows).toEqual([{ status: 'pending', reason: 'Départ' }])
    const { data } = await callLoader(loader, { as: user.email, path: '/parametres' })
    expect(data.account.deletion.status).toBe('pending')
  })

  it('shows a refused request with NOURX’s reason, and lets the client file a new one', async () => {
    const user = await member()
    const ok = await callAction(action, { as: user.email, path: '/x', form: { intent: 'suppression', confirm: 'on' } })
    expect(ok.status).toBe(302)
    const refused = await adminClient()
      .from('account_deletion_requests')
      .update({ status: 'rejected', admin_note: 'Deux factures restent à régler.' })
      .eq('user_id', user.id)
      .select('id')
    expect(refused.error).toBeNull()
    const { data } = await callLoader(loader, { as: user.email, path: '/parametres' })
    expect(data.account.deletion).toMatchObject({ status: 'rejected', admin_note: 'Deux factures restent à régler.' })
    const again = await callAction(action, { as: user.email, path: '/x', form: { intent: 'suppression', confirm: 'on' } })
    expect(again.status).toBe(302)
    const latest = await callLoader(loader, { as: user.email, path: '/parametres' })
    expect(latest.data.account.deletion.status).toBe('pending')
  })

  it('changes the password only with the right current one, and never echoes passwords back', async () => {
    const user = await member()
    const wrong = await callAction(action, {
      as: user.email,
      path: '/x',
      form: { intent: 'mot-de-passe', current: 'mauvais-mot-de-passe', password: 'nouveau-secret-2026', confirmation: 'nouveau-secret-2026' },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.data.errors.current[0]).toBe('Mot de passe actuel incorrect.')
    expect(JSON.stringify(wrong.data)).not.toContain('nouveau-secret')
    const mismatch = await callAction(action, {
      as: user.email,
      path: '/x',
      form: { intent: 'mot-de-passe', current: PASSWORD, password: 'nouveau-secret-2026', confirmation: 'autre-chose-2026' },
    })
    expect(mismatch.status).toBe(400)
    expect(mismatch.data.errors.confirmation).toBeDefined()
    const ok = await callAction(action, {
      as: user.email,
      path: '/x',
      form: { intent: 'mot-de-passe', current: PASSWORD, password: 'nouveau-secret-2026', confirmation: 'nouveau-secret-2026' },
    })
    expect(ok.status).toBe(302)
    // The new password signs in; the old one no longer does.
    const { createClient } = await import('@supabase/supabase-js')
    const { inject } = await import('vitest')
    const s = inject('supabase')
    const fresh = () => createClient(s.url, s.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
    expect((await fresh().auth.signInWithPassword({ email: user.email, password: 'nouveau-secret-2026' })).error).toBeNull()
    expect((await fresh().auth.signInWithPassword({ email: user.email, password: PASSWORD })).error?.status).toBe(400)
  })

  it('refuses an avatar that is not an image, stores a PNG under the user’s folder and serves it back', async () => {
    const user = await member()
    const send = async (file: File) => {
      const form = new FormData()
      form.set('intent', 'avatar')
      form.set('avatar', file)
      const request = new Request(`${APP}/parametres`, { method: 'POST', headers: { Cookie: await sessionCookie(user.email), Origin: APP }, body: form })
      const value = await action({ request, context: buildContext(request), params: {} } as never)
      return value instanceof Response ? { status: value.status, data: null } : { status: (value as any).init?.status ?? 200, data: (value as any).data }
    }
    const bad = await send(new File(['<svg/>'], 'moi.svg', { type: 'image/svg+xml' }))
    expect(bad.status).toBe(400)
    expect(bad.data.errors.avatar[0]).toMatch(/PNG, JPEG ou WebP/)
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))
    expect((await send(new File([png], 'moi.png', { type: 'image/png' }))).status).toBe(302)
    const { data: row } = await adminClient().from('profiles').select('avatar_path').eq('id', user.id).single()
    expect(row!.avatar_path).toMatch(new RegExp(`^${user.id}/[0-9a-f-]{36}\\.png$`))
    const served = await raw(avatarLoader, user.email, '/api/compte/avatar')
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png)
    const none = await raw(avatarLoader, ACME, '/api/compte/avatar')
    expect(none.status).toBe(404)
  })

  it('answers 400 to an unknown intent', async () => {
    const user = await member()
    const res = await callAction(action, { as: user.email, path: '/x', form: { intent: 'role', role: 'admin' } })
    expect(res.status).toBe(400)
  })
})

describe('RGPD export', () => {
  it('downloads the user’s own data as JSON, nobody else’s', async () => {
    const user = await member('Koné Export')
    await callAction(action, { as: user.email, path: '/x', form: { intent: 'consentement', analytics: 'non' } })
    const res = await raw(exportLoader, user.email, '/api/compte/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="mes-donnees-nourx-\d{4}-\d{2}-\d{2}\.json"$/)
    const body = (await res.json()) as { profile: unknown; memberships: unknown }
    expect(body.profile).toMatchObject({ id: user.id, full_name: 'Koné Export', analytics_consent: false })
    expect(body.memberships).toEqual([expect.objectContaining({ client_id: IDS.acmeClient, role: 'member' })])
    expect(JSON.stringify(body)).not.toContain('client@acme.test')
    const anonymous = await raw(exportLoader, null, '/api/compte/export')
    expect(anonymous.status).toBe(302)
  })
})
