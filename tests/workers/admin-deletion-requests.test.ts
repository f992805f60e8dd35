// RGPD account deletion requests, admin side, in workerd against the local
// stack: the dashboard's "à traiter" card and the /admin/demandes-suppression
// loader and action (process, refuse, invalid input, refused to a client).
// Each test works on a throwaway client account of its own (never the demo
// accounts, which other test files sign in with).
import { createClient } from '@supabase/supabase-js'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { loader as dashboardLoader } from '~/routes/admin._index.tsx'
import { action, loader } from '~/routes/admin.demandes-suppression.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, IDS, PASSWORD, unique } from './admin-support.ts'
import { adminClient } from './client-support.ts'

const PATH = '/admin/demandes-suppression'

// The throwaway accounts leave Baobab at the end, so no other test file sees extra members.
const throwaway: string[] = []
afterAll(async () => {
  const service = adminClient()
  for (const id of throwaway) {
    await service.from('client_members').delete().eq('user_id', id)
    await service.auth.admin.deleteUser(id)
  }
})

/** A confirmed client account, member of Baobab, with a phone and a preference, that has filed a deletion request. */
async function clientWithRequest(reason = 'Je quitte l’entreprise.') {
  const service = adminClient()
  const email = `${unique('rgpd')}@example.com`
  const created = await service.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name: 'Awa Koné' } })
  if (created.error) throw created.error
  const userId = created.data.user.id
  throwaway.push(userId)
  const member = await service.from('client_members').insert({ client_id: IDS.baobab, user_id: userId, role: 'member' })
  if (member.error) throw member.error
  const profile = await service.from('profiles').update({ phone: '+225 07 00 00 00 01', job_title: 'Comptable' }).eq('id', userId)
  if (profile.error) throw profile.error
  // Filed by the person, through their own session and RLS, as /parametres does.
  const s = inject('supabase')
  const own = createClient(s.url, s.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const signIn = await own.auth.signInWithPassword({ email, password: PASSWORD })
  if (signIn.error) throw signIn.error
  const pref = await own.from('notification_preferences').upsert({ user_id: userId, event: 'invoice_sent', email: false, whatsapp: false })
  if (pref.error) throw pref.error
  const filed = await own.from('account_deletion_requests').insert({ reason }).select('id').single()
  if (filed.error) throw filed.error
  return { email, userId, requestId: filed.data.id as string, own }
}

describe('deletion requests: lists', () => {
  it('a pending request shows on the dashboard and on the list with who, company, when and why', async () => {
    const { email, requestId } = await clientWithRequest('Plus de collaboration avec NOURX.')
    const dash = await callLoader(dashboardLoader, { as: ADMIN, path: '/admin' })
    expect(dash.status).toBe(200)
    expect(dash.data.kpis.to_review.pending_deletion_requests).toBeGreaterThanOrEqual(1)
    // The card lists the 8 oldest; ours is the newest, so look on the page itself too.
    const list = await callLoader(loader, { as: ADMIN, path: PATH })
    expect(list.status).toBe(200)
    expect(list.data.status).toBe('pending')
    const item = list.data.requests.find((r: { id: string }) => r.id === requestId)
    expect(item).toMatchObject({
      status: 'pending',
      reason: 'Plus de collaboration avec NOURX.',
      person: { full_name: 'Awa Koné', email },
      companies: [{ client_id: IDS.baobab, name: 'Baobab Studio' }],
    })
    expect(Date.parse(item.requested_at)).toBeGreaterThan(Date.now() - 120_000)
    for (const d of dash.data.deletionRequests) expect(d).toHaveProperty('person')
  })

  it('filters by status from the URL; an unknown status reads as pending', async () => {
    const rejected = await callLoader(loader, { as: ADMIN, path: `${PATH}?statut=rejected` })
    expect(rejected.data.status).toBe('rejected')
    for (const r of rejected.data.requests) expect(r.status).toBe('rejected')
    const odd = await callLoader(loader, { as: ADMIN, path: `${PATH}?statut=drop` })
    expect(odd.status).toBe(200)
    expect(odd.data.status).toBe('pending')
  })

  it('is refused to a client', async () => {
    expect((await callLoader(loader, { as: ACME, path: PATH })).status).toBe(403)
  })
})

describe('deletion requests: decisions', () => {
  it('processing revokes access and anonymises the person; invoices and the request are kept; audited', async () => {
    const { email, userId, requestId } = await clientWithRequest()
    const service = adminClient()
    const invoicesBefore = await service.from('invoices').select('id', { count: 'exact', head: true }).eq('client_id', IDS.baobab)

    const res = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'process', request_id: requestId, note: 'Identité vérifiée par téléphone.' } })
    expect(res.status).toBe(302)
    expect(res.location).toBe(PATH)

    const [request, profile, members, prefs, invoicesAfter] = await Promise.all([
      service.from('account_deletion_requests').select('status, processed_at, processed_by, admin_note, processing_summary').eq('id', requestId).single(),
      service.from('profiles').select('full_name, phone, job_title, email').eq('id', userId).single(),
      service.from('client_members').select('client_id').eq('user_id', userId),
      service.from('notification_preferences').select('event').eq('user_id', userId),
      service.from('invoices').select('id', { count: 'exact', head: true }).eq('client_id', IDS.baobab),
    ])
    expect(request.data).toMatchObject({ status: 'processed', processed_by: IDS.admin, admin_note: 'Identité vérifiée par téléphone.' })
    expect(request.data!.processed_at).not.toBeNull()
    expect(request.data!.processing_summary).toMatchObject({ memberships: [{ client_id: IDS.baobab, client: 'Baobab Studio', role: 'member' }], notification_preferences: 1 })
    expect(profile.data).toMatchObject({ full_name: 'Compte supprimé', phone: null, job_title: null })
    expect(profile.data!.email).not.toBe(email) // obfuscated by GoTrue's soft delete, copied by the sync trigger
    expect(members.data).toEqual([])
    expect(prefs.data).toEqual([])
    expect(invoicesAfter.count).toBe(invoicesBefore.count)

    // The login is gone.
    const s = inject('supabase')
    const again = await createClient(s.url, s.anonKey, { auth: { persistSession: false } }).auth.signInWithPassword({ email, password: PASSWORD })
    expect(again.error).not.toBeNull()

    // Audited with the admin as actor: the request, the membership removal, the anonymisation.
    const requestAudit = await auditFor('account_deletion_requests', requestId)
    expect(requestAudit.at(-1)).toMatchObject({ action: 'update', actor_id: IDS.admin, actor_role: 'admin' })
    expect(requestAudit.at(-1)!.diff.status).toEqual({ old: 'pending', new: 'processed' })
    expect((await auditFor('client_members', `${IDS.baobab}/${userId}`)).at(-1)).toMatchObject({ action: 'delete', actor_id: IDS.admin })
    expect((await auditFor('profiles', userId)).some((a) => a.actor_id === IDS.admin && a.diff.full_name?.new === 'Compte supprimé')).toBe(true)

    // Processed once only.
    const twice = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'process', request_id: requestId } })
    expect(twice.status).toBe(409)
    expect(twice.data.formError).toBe('Cette demande a déjà été traitée.')
  })

  it('refusing needs a reason, keeps what was typed on error, then records the refusal', async () => {
    const { userId, requestId, own } = await clientWithRequest()
    const empty = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'reject', request_id: requestId, note: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.data.fieldErrors.note[0]).toMatch(/motif du refus/)
    const tooLong = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'reject', request_id: requestId, note: 'x'.repeat(2001) } })
    expect(tooLong.status).toBe(400)
    expect(tooLong.data.values.note).toHaveLength(2001)

    const res = await callAction(action, { as: ADMIN, path: `${PATH}?statut=pending`, form: { intent: 'reject', request_id: requestId, note: 'Factures impayées en cours de litige.' } })
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${PATH}?statut=pending`)
    const service = adminClient()
    const [request, members] = await Promise.all([
      service.from('account_deletion_requests').select('status, admin_note, processed_by').eq('id', requestId).single(),
      service.from('client_members').select('client_id').eq('user_id', userId),
    ])
    expect(request.data).toEqual({ status: 'rejected', admin_note: 'Factures impayées en cours de litige.', processed_by: IDS.admin })
    expect(members.data).toHaveLength(1) // nothing else changed
    // The person sees the outcome of their latest request (what /parametres reads).
    const mine = await own.from('account_deletion_requests').select('status').eq('user_id', userId).order('requested_at', { ascending: false }).limit(1).single()
    expect(mine.data?.status).toBe('rejected')
  })

  it('rejects a malformed request id or intent', async () => {
    const bad = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'process', request_id: 'nope' } })
    expect(bad.status).toBe(400)
    expect(bad.data.formError).toBe('Demande invalide.')
    const unknown = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'purge', request_id: crypto.randomUUID() } })
    expect(unknown.status).toBe(400)
    const missing = await callAction(action, { as: ADMIN, path: PATH, form: { intent: 'process', request_id: crypto.randomUUID() } })
    expect(missing.status).toBe(404)
  })

  it('is refused to a client, and the request stays pending', async () => {
    const { requestId } = await clientWithRequest()
    const res = await callAction(action, { as: ACME, path: PATH, form: { intent: 'process', request_id: requestId } })
    expect(res.status).toBe(403)
    const { data } = await adminClient().from('account_deletion_requests').select('status').eq('id', requestId).single()
    expect(data?.status).toBe('pending')
  })
})
