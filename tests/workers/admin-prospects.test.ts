// /admin/prospects loaders and actions in workerd against the local stack:
// create, move on the board, edit, convert (client + draft project +
// invitation), delete — valid, invalid and refused to a client.
import { describe, expect, it } from 'vitest'
import { action as detailAction, loader as detailLoader } from '~/routes/admin.prospects.$id.tsx'
import { action as boardAction, loader as boardLoader } from '~/routes/admin.prospects._index.tsx'
import { action as createAction } from '~/routes/admin.prospects.nouveau.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, mailsTo, serviceClient, unique } from './admin-support.ts'

async function newProspect(extra: Record<string, string> = {}) {
  const company_name = unique('Prospect')
  const res = await callAction(createAction, {
    as: ADMIN,
    path: '/admin/prospects/nouveau',
    form: { company_name, contact_name: 'Yao Kouamé', email: `${company_name.toLowerCase()}@exemple.ci`, stage: 'nouveau', estimated_amount: '2 400 000', source: 'Salon', ...extra },
  })
  expect(res.status).toBe(302)
  const { data } = await serviceClient().from('prospects').select('id, email').eq('company_name', company_name).single()
  return { id: data!.id as string, company_name, email: data!.email as string }
}

describe('prospect board', () => {
  it('groups by stage and searches on the server', async () => {
    const { company_name } = await newProspect()
    const { status, data } = await callLoader(boardLoader, { as: ADMIN, path: `/admin/prospects?q=${encodeURIComponent(company_name)}` })
    expect(status).toBe(200)
    expect(data.total).toBe(1)
    expect(data.columns.nouveau.map((c: { company_name: string }) => c.company_name)).toEqual([company_name])
    expect(data.columns.gagne).toEqual([])
  })

  it('refuses a client', async () => {
    expect((await callLoader(boardLoader, { as: ACME, path: '/admin/prospects' })).status).toBe(403)
  })

  it('moves a card to another stage (drag and drop), audited; refuses a bad stage and a client', async () => {
    const { id } = await newProspect()
    const res = await callAction(boardAction, { as: ADMIN, path: '/admin/prospects', form: { intent: 'move', id, stage: 'qualifie', position: '4' } })
    expect(res).toMatchObject({ status: 200, data: { ok: true } })
    expect((await auditFor('prospects', id)).at(-1)!.diff.stage).toEqual({ old: 'nouveau', new: 'qualifie' })
    expect((await callAction(boardAction, { as: ADMIN, path: '/admin/prospects', form: { intent: 'move', id, stage: 'signé' } })).status).toBe(400)
    expect((await callAction(boardAction, { as: ACME, path: '/admin/prospects', form: { intent: 'move', id, stage: 'perdu' } })).status).toBe(403)
  })
})

describe('prospect create, edit, delete', () => {
  it('refuses a prospect without a name or with a decimal amount', async () => {
    const res = await callAction(createAction, { as: ADMIN, path: '/admin/prospects/nouveau', form: { company_name: '', estimated_amount: '1500,50', notes: 'gardé' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error).sort()).toEqual(['company_name', 'estimated_amount'])
    expect(res.data.initialValue.notes).toBe('gardé')
    expect((await callAction(createAction, { as: ACME, path: '/admin/prospects/nouveau', form: { company_name: 'X' } })).status).toBe(403)
  })

  it('edits notes and the next action; deletes', async () => {
    const { id, company_name } = await newProspect()
    const path = `/admin/prospects/${id}`
    const res = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'update', company_name, stage: 'contacte', notes: 'Rappeler mardi', next_action: 'Appel', next_action_date: '2026-12-02' } })
    expect(res.status).toBe(302)
    const { data } = await serviceClient().from('prospects').select('notes, next_action_date, stage').eq('id', id).single()
    expect(data).toEqual({ notes: 'Rappeler mardi', next_action_date: '2026-12-02', stage: 'contacte' })
    const bad = await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'update', company_name, next_action_date: '2026-13-45' } })
    expect(bad.status).toBe(400)
    expect((await callAction(detailAction, { as: ACME, path, params: { id }, form: { intent: 'delete' } })).status).toBe(403)
    expect((await callAction(detailAction, { as: ADMIN, path, params: { id }, form: { intent: 'delete' } })).status).toBe(302)
    expect((await callLoader(detailLoader, { as: ADMIN, path, params: { id } })).status).toBe(404)
  })
})

describe('conversion into a client', () => {
  it('creates the client, a draft project and an invitation, and marks the prospect won', async () => {
    const { id, company_name, email } = await newProspect()
    const res = await callAction(detailAction, {
      as: ADMIN,
      path: `/admin/prospects/${id}`,
      params: { id },
      form: { intent: 'convert', name: `${company_name} SARL`, create_project: 'on', project_title: 'Site vitrine', invite: 'on', invite_email: email, invite_name: 'Yao Kouamé' },
    })
    expect(res.status).toBe(302)
    const clientId = res.location!.split('/').pop()!
    const { data: prospect } = await serviceClient().from('prospects').select('stage, converted_client_id, converted_at').eq('id', id).single()
    expect(prospect).toMatchObject({ stage: 'gagne', converted_client_id: clientId })
    expect(prospect!.converted_at).not.toBeNull()
    const { data: client } = await serviceClient().from('clients').select('name, email, contact_name, projects(title, status, budget_ht), client_members(role)').eq('id', clientId).single()
    expect(client).toMatchObject({
      name: `${company_name} SARL`,
      email,
      contact_name: 'Yao Kouamé',
      projects: [{ title: 'Site vitrine', status: 'draft', budget_ht: 2_400_000 }],
      client_members: [{ role: 'owner' }],
    })
    expect((await mailsTo(email)).length).toBe(1)

    const twice = await callAction(detailAction, { as: ADMIN, path: `/admin/prospects/${id}`, params: { id }, form: { intent: 'convert', name: 'Encore' } })
    expect(twice.status).toBe(409)
    expect(twice.data.result.error[''][0]).toBe('Ce prospect est déjà devenu client.')
  })

  it('requires a project title and an e-mail when asked for, and refuses a client', async () => {
    const { id } = await newProspect()
    const res = await callAction(detailAction, { as: ADMIN, path: `/admin/prospects/${id}`, params: { id }, form: { intent: 'convert', name: 'X', create_project: 'on', invite: 'on' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.result.error).sort()).toEqual(['invite_email', 'project_title'])
    expect((await callAction(detailAction, { as: ACME, path: `/admin/prospects/${id}`, params: { id }, form: { intent: 'convert', name: 'X' } })).status).toBe(403)
    expect((await serviceClient().from('prospects').select('converted_client_id').eq('id', id).single()).data?.converted_client_id).toBeNull()
  })
})
