// /admin/clients loaders and actions in workerd against the local stack:
// every write valid, invalid and refused to a client, with the audit trail
// written by the database triggers, and invitations through the Auth admin
// API landing in the mail catcher.
import { describe, expect, it } from 'vitest'
import { action as detailAction, loader as detailLoader } from '~/routes/admin.clients.$id.tsx'
import { loader as listLoader } from '~/routes/admin.clients._index.tsx'
import { action as createAction } from '~/routes/admin.clients.nouveau.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, IDS, mailsTo, serviceClient, unique } from './admin-support.ts'

async function newClient(name = unique('Société test')) {
  const res = await callAction(createAction, { as: ADMIN, path: '/admin/clients/nouveau', form: { name, email: 'contact@exemple.ci', country: 'ci', ncc: '1234567 A' } })
  expect(res.status).toBe(302)
  const id = res.location!.split('/').pop()!
  return { id, name }
}

describe('clients list', () => {
  it('searches on the server and keeps archived companies out by default', async () => {
    const { status, data } = await callLoader(listLoader, { as: ADMIN, path: '/admin/clients?q=baobab' })
    expect(status).toBe(200)
    expect(data.rows.map((r: { name: string }) => r.name)).toEqual(['Baobab Studio'])
    expect(data.rows[0].members).toBeGreaterThan(0)
  })

  it('sorts by a whitelisted column only', async () => {
    const desc = await callLoader(listLoader, { as: ADMIN, path: '/admin/clients?sort=name&dir=desc' })
    const names = desc.data.rows.map((r: { name: string }) => r.name)
    expect(names).toEqual([...names].sort((a: string, b: string) => b.localeCompare(a)))
    const bogus = await callLoader(listLoader, { as: ADMIN, path: '/admin/clients?sort=password' })
    expect(bogus.status).toBe(200)
  })

  it('refuses a client with 403', async () => {
    expect((await callLoader(listLoader, { as: ACME, path: '/admin/clients' })).status).toBe(403)
  })
})

describe('create a client', () => {
  it('creates the company, normalises the country, and the audit trigger records it with the admin as actor', async () => {
    const { id, name } = await newClient()
    const { data } = await serviceClient().from('clients').select('name, country, ncc').eq('id', id).single()
    expect(data).toEqual({ name, country: 'CI', ncc: '1234567 A' })
    const audit = await auditFor('clients', id)
    expect(audit[0]).toMatchObject({ action: 'insert', actor_id: IDS.admin, actor_role: 'admin' })
    expect(audit[0].diff.name).toEqual({ new: name })
  })

  it('refuses an empty name and a bad e-mail with French messages and keeps what was typed', async () => {
    const res = await callAction(createAction, { as: ADMIN, path: '/admin/clients/nouveau', form: { name: '  ', email: 'pas-un-email', city: 'Bouaké' } })
    expect(res.status).toBe(400)
    expect(res.data.error.name[0]).toMatch(/obligatoire/)
    expect(res.data.error.email).toEqual(['Adresse e-mail invalide.'])
    expect(res.data.initialValue.city).toBe('Bouaké')
  })

  it('refuses a client (403) and writes nothing', async () => {
    const name = unique('Intrus')
    const res = await callAction(createAction, { as: ACME, path: '/admin/clients/nouveau', form: { name } })
    expect(res.status).toBe(403)
    const { count } = await serviceClient().from('clients').select('id', { count: 'exact', head: true }).eq('name', name)
    expect(count).toBe(0)
  })
})

describe('client page', () => {
  it('shows the overview: members, projects, invoices, balance due, open tickets', async () => {
    const { status, data } = await callLoader(detailLoader, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme } })
    expect(status).toBe(200)
    expect(data.client.name).toBe('ACME Côte d\'Ivoire')
    expect(data.members.map((m: { email: string }) => m.email)).toContain(ACME)
    expect(data.projects.map((p: { title: string }) => p.title)).toContain('Boutique en ligne ACME')
    // Other test files share the database: compare with what it holds now
    // (in the seed alone: 1 180 000 F CFA due, 2 open tickets).
    const db = serviceClient()
    const { data: due } = await db.from('invoices').select('balance_due').eq('client_id', IDS.acme).in('status', ['sent', 'overdue'])
    const { count: open } = await db
      .from('tickets')
      .select('id', { count: 'exact', head: true })
      .eq('client_id', IDS.acme)
      .not('status', 'in', '(resolved,closed)')
    expect(data.summary.balanceDue).toBe((due ?? []).reduce((s, i) => s + Number(i.balance_due), 0))
    expect(data.summary.balanceDue).toBeGreaterThanOrEqual(1_180_000)
    expect(data.summary.openTickets).toBe(open)
  })

  it('answers 404 for an unknown or malformed id', async () => {
    const missing = '20000000-0000-4000-8000-0000000000ff'
    expect((await callLoader(detailLoader, { as: ADMIN, path: `/admin/clients/${missing}`, params: { id: missing } })).status).toBe(404)
    expect((await callLoader(detailLoader, { as: ADMIN, path: '/admin/clients/x', params: { id: 'x' } })).status).toBe(404)
  })

  it('updates the company details (valid, invalid, forbidden)', async () => {
    const { id, name } = await newClient()
    const path = `/admin/clients/${id}`
    const ok = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'update', name, rccm: 'CI-ABJ-2026-B-1', country: 'CI' } })
    expect(ok.status).toBe(302)
    const audit = await auditFor('clients', id)
    expect(audit.at(-1)).toMatchObject({ action: 'update', actor_role: 'admin' })
    expect(audit.at(-1)!.diff.rccm).toEqual({ old: null, new: 'CI-ABJ-2026-B-1' })

    const bad = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'update', name, country: 'Côte' } })
    expect(bad.status).toBe(400)
    expect(bad.data.intent).toBe('update')
    expect(bad.data.result.error.country[0]).toMatch(/deux lettres/)

    const forbidden = await callAction(detailAction, { as: ACME, path, params: { id }, form: { intent: 'update', name: 'Piraté' } })
    expect(forbidden.status).toBe(403)
  })

  it('invites a new member: account created, membership written, invitation in the mail catcher', async () => {
    const { id } = await newClient()
    const email = `${unique('invite')}@exemple.ci`
    const res = await callAction(detailAction, {
      as: ADMIN,
      path: `/admin/clients/${id}`,
      params: { id },
      form: { intent: 'invite', email: email.toUpperCase(), full_name: 'Awa Traoré', role: 'owner', job_title: 'Gérante' },
    })
    expect(res.status).toBe(302)
    const { data: member } = await serviceClient().from('client_members').select('role, job_title, profiles(email, full_name)').eq('client_id', id).single()
    expect(member).toMatchObject({ role: 'owner', job_title: 'Gérante', profiles: { email, full_name: 'Awa Traoré' } })
    const mails = await mailsTo(email)
    expect(mails.length).toBe(1)
    // The app's own `invitation` template; its link goes through /auth/confirm (token_hash,
    // verified on the server), which sends invitations to /invitation.
    expect(mails[0].text).toMatch(/http:\/\/localhost:5173\/auth\/confirm\?token_hash=[^&\s]+&type=invite/)

    // Resend while not activated: a second mail.
    const { data: profile } = await serviceClient().from('profiles').select('id').eq('email', email).single()
    const resend = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'resend', user_id: profile!.id } })
    expect(resend.status).toBe(302)
    expect((await mailsTo(email)).length).toBe(2)

    // Inviting the same person again is refused in French.
    const again = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'invite', email, role: 'member' } })
    expect(again.status).toBe(400)
    expect(again.data.result.error[''][0]).toBe('Cette personne est déjà membre de ce client.')

    // Role: back to a plain member, then refused to a client and for a bad value.
    const role = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'set_role', user_id: profile!.id, role: 'member' } })
    expect(role.status).toBe(302)
    expect((await serviceClient().from('client_members').select('role').eq('client_id', id).single()).data?.role).toBe('member')
    expect((await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'set_role', user_id: profile!.id, role: 'boss' } })).status).toBe(400)
    expect((await callAction(detailAction, { as: ACME, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'set_role', user_id: profile!.id, role: 'owner' } })).status).toBe(403)

    // Remove: the membership goes, the audit trail keeps it.
    const removed = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${id}`, params: { id }, form: { intent: 'remove_member', user_id: profile!.id } })
    expect(removed.status).toBe(302)
    const { count } = await serviceClient().from('client_members').select('user_id', { count: 'exact', head: true }).eq('client_id', id)
    expect(count).toBe(0)
    const audit = await auditFor('client_members', `${id}/${profile!.id}`)
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update', 'delete'])
  })

  it('refuses an invalid invitation, a resend to an active member, and an admin address', async () => {
    const bad = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'invite', email: 'nope', role: 'member' } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.email).toEqual(['Adresse e-mail invalide.'])

    const active = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'resend', user_id: IDS.acmeUser } })
    expect(active.status).toBe(400)
    expect(active.data.formError).toMatch(/déjà activé/)

    const staff = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'invite', email: ADMIN, role: 'member' } })
    expect(staff.status).toBe(400)
    expect(staff.data.result.error[''][0]).toMatch(/équipe NOURX/)
  })

  it('refuses invitations and removals to a client (403), and sends nothing', async () => {
    const email = `${unique('pirate')}@exemple.ci`
    const res = await callAction(detailAction, { as: ACME, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'invite', email, role: 'owner' } })
    expect(res.status).toBe(403)
    expect(await mailsTo(email)).toEqual([])
    const remove = await callAction(detailAction, { as: ACME, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'remove_member', user_id: IDS.acmeUser } })
    expect(remove.status).toBe(403)
  })

  it('archives, restores and deletes; a company with projects cannot be deleted', async () => {
    const { id } = await newClient()
    const path = `/admin/clients/${id}`
    expect((await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'archive' } })).status).toBe(302)
    expect((await serviceClient().from('clients').select('is_archived').eq('id', id).single()).data?.is_archived).toBe(true)
    expect((await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'unarchive' } })).status).toBe(302)
    expect((await callAction(detailAction, { as: ACME, path, params: { id }, form: { intent: 'delete' } })).status).toBe(403)

    const blocked = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'delete' } })
    expect(blocked.status).toBe(400)
    expect(blocked.data.formError).toMatch(/lié à d’autres données/)

    const deleted = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'delete' } })
    expect(deleted).toMatchObject({ status: 302, location: '/admin/clients' })
    expect((await auditFor('clients', id)).at(-1)!.action).toBe('delete')
  })

  it('adds and deletes internal notes (admin only, audited)', async () => {
    const { id } = await newClient()
    const path = `/admin/clients/${id}`
    const body = `Préfère être appelé le matin ${crypto.randomUUID()}`
    expect((await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'add_note', body } })).status).toBe(302)
    const { data } = await callLoader(detailLoader, { as: ADMIN, path, params: { id } })
    expect(data.notes).toEqual([expect.objectContaining({ body, author: expect.any(String) })])
    const empty = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'add_note', body: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.data.result.error.body[0]).toMatch(/obligatoire/)
    expect((await callAction(detailAction, { as: ACME, path, params: { id }, form: { intent: 'add_note', body: 'x' } })).status).toBe(403)
    const noteId = data.notes[0].id
    expect((await callAction(detailAction, { as: ACME, path, params: { id }, form: { intent: 'delete_note', note_id: noteId } })).status).toBe(403)
    expect((await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'delete_note', note_id: noteId } })).status).toBe(302)
    expect((await auditFor('client_notes', noteId)).map((a) => a.action)).toEqual(['insert', 'delete'])
  })

  it('answers 400 to an unknown intent', async () => {
    const res = await callAction(detailAction, { as: ADMIN, path: `/admin/clients/${IDS.acme}`, params: { id: IDS.acme }, form: { intent: 'boom' } })
    expect(res.status).toBe(400)
  })
})
