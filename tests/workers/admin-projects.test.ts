// /admin/projets loaders and actions in workerd against the local stack:
// project create/edit (manual and computed progress), milestones (save,
// reorder, delete), team; each valid, invalid and refused to a client, with
// the audit rows the triggers write.
import { describe, expect, it } from 'vitest'
import { action as detailAction, loader as detailLoader } from '~/routes/admin.projets.$id.tsx'
import { loader as listLoader } from '~/routes/admin.projets._index.tsx'
import { action as createAction } from '~/routes/admin.projets.nouveau.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, IDS, serviceClient, unique } from './admin-support.ts'

async function newProject(extra: Record<string, string> = {}) {
  const title = unique('Projet test')
  const res = await callAction(createAction, {
    as: ADMIN,
    path: '/admin/projets/nouveau',
    form: { client_id: IDS.baobab, title, status: 'active', progress_mode: 'milestones', start_date: '2026-12-01', end_date: '2027-02-28', budget_ht: '1 500 000', ...extra },
  })
  expect(res.status).toBe(302)
  return { id: res.location!.split('/').pop()!, title }
}

const at = (id: string) => ({ path: `/admin/projets/${id}`, params: { id } })

describe('projects list', () => {
  it('filters by status and client and searches titles on the server', async () => {
    const { data } = await callLoader(listLoader, { as: ADMIN, path: `/admin/projets?client=${IDS.acme}&statut=active&q=boutique` })
    expect(data.rows.map((r: { title: string }) => r.title)).toEqual(['Boutique en ligne ACME'])
    expect(data.rows[0].client_name).toBe('ACME Côte d\'Ivoire')
  })
  it('refuses a client', async () => {
    expect((await callLoader(listLoader, { as: ACME, path: '/admin/projets' })).status).toBe(403)
  })
})

describe('create and edit a project', () => {
  it('creates it with the budget typed with spaces, audited', async () => {
    const { id, title } = await newProject()
    const { data } = await serviceClient().from('projects').select('title, budget_ht, progress_mode, client_id').eq('id', id).single()
    expect(data).toEqual({ title, budget_ht: 1_500_000, progress_mode: 'milestones', client_id: IDS.baobab })
    expect((await auditFor('projects', id))[0]).toMatchObject({ action: 'insert', actor_role: 'admin' })
  })

  it('refuses an end before the start, manual mode without progress, and keeps the values', async () => {
    const res = await callAction(createAction, {
      as: ADMIN,
      path: '/admin/projets/nouveau',
      form: { client_id: IDS.baobab, title: 'Dates à l’envers', progress_mode: 'manual', start_date: '2027-01-10', end_date: '2026-12-01' },
    })
    expect(res.status).toBe(400)
    expect(res.data.error.end_date).toEqual(['La date de fin doit suivre la date de début.'])
    expect(res.data.error.progress[0]).toMatch(/mode manuel/)
    expect(res.data.initialValue.title).toBe('Dates à l’envers')
  })

  it('refuses a client (403)', async () => {
    const res = await callAction(createAction, { as: ACME, path: '/admin/projets/nouveau', form: { client_id: IDS.acme, title: 'Intrusion' } })
    expect(res.status).toBe(403)
  })

  it('writes progress only in manual mode; computed modes are left to the database', async () => {
    const { id, title } = await newProject()
    const manual = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'update', client_id: IDS.baobab, title, status: 'on_hold', progress_mode: 'manual', progress: '35' } })
    expect(manual.status).toBe(302)
    expect((await serviceClient().from('projects').select('progress, status').eq('id', id).single()).data).toEqual({ progress: 35, status: 'on_hold' })
    // Back to milestones: the trigger recomputes (no milestone → 0), whatever the form says.
    await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'update', client_id: IDS.baobab, title, progress_mode: 'milestones', progress: '99' } })
    expect((await serviceClient().from('projects').select('progress').eq('id', id).single()).data?.progress).toBe(0)

    const bad = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'update', client_id: IDS.baobab, title: '', progress_mode: 'manual', progress: '140' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.data.result.error).sort()).toEqual(['progress', 'title'])
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'update', client_id: IDS.baobab, title: 'x' } })).status).toBe(403)
  })
})

describe('milestones and team', () => {
  it('adds milestones last, edits, reorders by drag and drop, deletes — each audited', async () => {
    const { id } = await newProject()
    for (const title of ['Cadrage', 'Maquettes', 'Recette']) {
      const res = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'save_milestone', title, status: 'planned', deliverables: 'Compte rendu\n\n Maquette ' } })
      expect(res).toMatchObject({ status: 200, data: { ok: true } })
    }
    const list = async () => (await serviceClient().from('milestones').select('id, title, position, deliverables').eq('project_id', id).order('position')).data!
    let rows = await list()
    expect(rows.map((m) => [m.title, m.position])).toEqual([['Cadrage', 0], ['Maquettes', 1], ['Recette', 2]])
    expect(rows[0].deliverables).toEqual(['Compte rendu', 'Maquette'])

    const reorder = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'reorder_milestones', ids: [rows[2].id, rows[0].id, rows[1].id] } })
    expect(reorder.status).toBe(200)
    rows = await list()
    expect(rows.map((m) => m.title)).toEqual(['Recette', 'Cadrage', 'Maquettes'])
    expect((await auditFor('milestones', rows[0].id)).at(-1)!.diff.position).toEqual({ old: 2, new: 0 })

    // A stale order (missing a milestone) is refused instead of scrambling positions.
    const stale = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'reorder_milestones', ids: [rows[0].id, rows[1].id] } })
    expect(stale.status).toBe(409)
    expect(stale.data.formError).toMatch(/rechargez/)

    // Delivered → the project's progress (milestones mode) counts approved ones only.
    const edit = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'save_milestone', milestone_id: rows[1].id, title: 'Cadrage validé', status: 'approved', due_date: '2026-12-15' } })
    expect(edit.status).toBe(200)
    expect((await serviceClient().from('projects').select('progress').eq('id', id).single()).data?.progress).toBe(33)

    const invalid = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'save_milestone', title: '', status: 'shipped', due_date: '15/12/2026' } })
    expect(invalid.status).toBe(400)
    expect(Object.keys(invalid.data.result.error).sort()).toEqual(['due_date', 'status', 'title'])

    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'reorder_milestones', ids: rows.map((m) => m.id) } })).status).toBe(403)
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'delete_milestone', milestone_id: rows[0].id } })).status).toBe(403)

    const del = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'delete_milestone', milestone_id: rows[0].id } })
    expect(del.status).toBe(200)
    expect((await auditFor('milestones', rows[0].id)).at(-1)!.action).toBe('delete')
  })

  it('shows who approved a delivered milestone, when, and their note; the page is refused to a client', async () => {
    // Seed: the ACME shop's first milestone was approved by Aïcha Coulibaly with a note.
    const { data, status } = await callLoader(detailLoader, { as: ADMIN, ...at(IDS.acmeShop) })
    expect(status).toBe(200)
    const { data: approval } = await serviceClient()
      .from('milestone_approvals')
      .select('id, milestone_id, signer_name, note, approved_at, approved_by')
      .eq('note', 'Cadrage conforme à nos échanges.')
      .single()
    const milestone = data.milestones.find((m: { id: string }) => m.id === approval!.milestone_id)
    expect(milestone.approvals).toEqual([
      {
        id: approval!.id,
        signer_name: 'Aïcha Coulibaly',
        approver: { name: expect.any(String), email: 'client@acme.test' },
        note: 'Cadrage conforme à nos échanges.',
        version_label: expect.toBeOneOf([null, expect.any(String)]),
        approved_at: expect.any(String),
      },
    ])
    expect(Date.parse(milestone.approvals[0].approved_at)).toBe(Date.parse(approval!.approved_at))
    // A milestone nobody approved has none.
    expect(data.milestones.filter((m: { status: string }) => m.status === 'planned').every((m: { approvals: unknown[] }) => m.approvals.length === 0)).toBe(true)
    expect((await callLoader(detailLoader, { as: ACME, ...at(IDS.acmeShop) })).status).toBe(403)
  })

  it('adds and removes team members shown to the client', async () => {
    const { id } = await newProject()
    const add = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'add_team', user_id: IDS.admin, role_label: 'Directeur de projet' } })
    expect(add).toMatchObject({ status: 200, data: { ok: true } })
    const { data } = await callLoader(detailLoader, { as: ADMIN, ...at(id) })
    expect(data.team).toEqual([expect.objectContaining({ user_id: IDS.admin, role_label: 'Directeur de projet' })])
    expect(data.staff.map((s: { value: string }) => s.value)).toContain(IDS.admin)

    const bad = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'add_team', user_id: 'x', role_label: '' } })
    expect(bad.status).toBe(400)
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'add_team', user_id: IDS.acmeUser, role_label: 'Moi' } })).status).toBe(403)

    const remove = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'remove_team', user_id: IDS.admin } })
    expect(remove.status).toBe(200)
    expect((await auditFor('project_team', `${id}/${IDS.admin}`)).map((a) => a.action)).toEqual(['insert', 'delete'])
  })

  it('deletes a project (confirmed in the UI), refused to a client', async () => {
    const { id } = await newProject()
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'delete' } })).status).toBe(403)
    const res = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'delete' } })
    expect(res).toMatchObject({ status: 302, location: '/admin/projets' })
    expect((await callLoader(detailLoader, { as: ADMIN, ...at(id) })).status).toBe(404)
  })
})
