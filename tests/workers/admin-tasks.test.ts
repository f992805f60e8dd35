// /admin/taches loaders and actions in workerd against the local stack: the
// board and the list (filters in the URL), create/edit with TaskSchema, the
// kanban move, assignment, checklist, attachments in project-files and
// comments — each valid, invalid and refused to a client, with the audit rows
// the database triggers write.
import { describe, expect, it } from 'vitest'
import { action as detailAction, loader as detailLoader } from '~/routes/admin.taches.$id.tsx'
import { action as boardAction, loader as boardLoader } from '~/routes/admin.taches._index.tsx'
import { action as createAction } from '~/routes/admin.taches.nouvelle.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, IDS, serviceClient, unique } from './admin-support.ts'

async function newTask(extra: Record<string, string> = {}) {
  const title = unique('Tâche test')
  const res = await callAction(createAction, {
    as: ADMIN,
    path: '/admin/taches/nouvelle',
    form: { project_id: IDS.acmeShop, title, status: 'todo', priority: 'normal', visibility: 'client', ...extra },
  })
  expect(res.status).toBe(302)
  return { id: res.location!.split('/').pop()!, title }
}
const at = (id: string) => ({ path: `/admin/taches/${id}`, params: { id } })
const row = async (id: string) => (await serviceClient().from('tasks').select('*').eq('id', id).single()).data

describe('board and list', () => {
  it('groups the filtered tasks by status on the board', async () => {
    const { status, data } = await callLoader(boardLoader, { as: ADMIN, path: `/admin/taches?projet=${IDS.acmeShop}&priorite=urgent` })
    expect(status).toBe(200)
    expect(data.view).toBe('tableau')
    const all = Object.values(data.tasks.columns as Record<string, { rows: { title: string; priority: string; status: string }[] }>).flatMap((c) => c.rows)
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((t) => t.priority === 'urgent')).toBe(true)
    for (const [status, column] of Object.entries(data.tasks.columns as Record<string, { rows: { status: string }[] }>)) {
      expect(column.rows.every((t) => t.status === status)).toBe(true)
    }
  })
  it('pages, sorts and filters the list on the server', async () => {
    const { data } = await callLoader(boardLoader, { as: ADMIN, path: `/admin/taches?vue=liste&projet=${IDS.acmeShop}&visibilite=internal&sort=title&dir=asc` })
    const titles = data.tasks.rows.map((r: { title: string }) => r.title)
    expect(titles).toContain('Tests de charge de l\'API panier')
    expect(titles).toEqual(titles.toSorted((a: string, b: string) => a.localeCompare(b, 'en')))
    expect(data.tasks.rows.every((r: { visibility: string }) => r.visibility === 'internal')).toBe(true)
    expect(data.tasks.total).toBe(titles.length)
  })
  it('refuses a client (403)', async () => {
    expect((await callLoader(boardLoader, { as: ACME, path: '/admin/taches' })).status).toBe(403)
  })
})

describe('create and edit', () => {
  it('creates a task at the end of its column, audited as the admin', async () => {
    const { id, title } = await newTask({ due_date: '2027-01-15', assigned_to: IDS.admin })
    expect(await row(id)).toMatchObject({ title, project_id: IDS.acmeShop, visibility: 'client', assigned_to: IDS.admin, due_date: '2027-01-15' })
    expect((await auditFor('tasks', id))[0]).toMatchObject({ action: 'insert', actor_role: 'admin' })
  })
  it('refuses an empty title and a bad project, keeping what was typed', async () => {
    const res = await callAction(createAction, { as: ADMIN, path: '/admin/taches/nouvelle', form: { project_id: 'pas-un-uuid', title: ' ', description: 'garder ce texte' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.error).sort()).toEqual(['project_id', 'title'])
    expect(res.data.initialValue.description).toBe('garder ce texte')
  })
  it('refuses a client (403), nothing written', async () => {
    const title = unique('Intrusion')
    const res = await callAction(createAction, { as: ACME, path: '/admin/taches/nouvelle', form: { project_id: IDS.acmeShop, title } })
    expect(res.status).toBe(403)
    expect((await serviceClient().from('tasks').select('id').eq('title', title)).data).toEqual([])
  })
  it('edits; invalid and client edits are refused', async () => {
    const { id, title } = await newTask()
    const ok = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'update', project_id: IDS.acmeShop, title: `${title} (v2)`, status: 'review', priority: 'high', visibility: 'internal' } })
    expect(ok.status).toBe(200)
    expect(await row(id)).toMatchObject({ title: `${title} (v2)`, status: 'review', priority: 'high', visibility: 'internal' })
    const bad = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'update', project_id: IDS.acmeShop, title: 'x', status: 'fini' } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.status).toEqual(['Statut invalide.'])
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'update', project_id: IDS.acmeShop, title: 'x' } })).status).toBe(403)
    const detail = await callLoader(detailLoader, { as: ADMIN, ...at(id) })
    expect(detail.data.task.title).toBe(`${title} (v2)`)
    expect((await callLoader(detailLoader, { as: ADMIN, ...at('00000000-0000-4000-8000-000000000000') })).status).toBe(404)
  })
})

describe('kanban move and assignment', () => {
  it('moves a card to another column (status, completed_at by trigger), audited', async () => {
    const { id } = await newTask()
    const res = await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'move', task_id: id, status: 'done' } })
    expect(res.status).toBe(200)
    expect(res.data.task).toMatchObject({ id, status: 'done' })
    const t = await row(id)
    expect(t.status).toBe('done')
    expect(t.completed_at).not.toBeNull()
    const audit = await auditFor('tasks', id)
    expect(audit.at(-1)).toMatchObject({ action: 'update', actor_role: 'admin' })
    expect(JSON.stringify(audit.at(-1)!.diff)).toContain('done')
  })
  it('reorders a card within its column and drops one into another column at a precise index (move_task)', async () => {
    // A project of its own: its columns hold only the cards made here.
    const db = serviceClient()
    const { data: project } = await db.from('projects').insert({ client_id: IDS.baobab, title: unique('Kanban') }).select('id').single()
    const { data: made } = await db
      .from('tasks')
      .insert(['A', 'B', 'C', 'D'].map((title, i) => ({ project_id: project!.id, title, status: i < 3 ? 'todo' : 'in_progress', position: i < 3 ? i : 0 })))
      .select('id, title')
    const id = Object.fromEntries(made!.map((t) => [t.title, t.id as string]))
    const columnsOf = async () => {
      const { data } = await db.from('tasks').select('title, status, position').eq('project_id', project!.id).order('position')
      const out: Record<string, string[]> = {}
      for (const t of data!) (out[t.status] ??= []).push(`${t.title}@${t.position}`)
      return out
    }
    const move = (task: string, status: string, index?: string) =>
      callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'move', task_id: id[task], status, ...(index === undefined ? {} : { index }) } })

    const within = await move('C', 'todo', '0')
    expect(within.status).toBe(200)
    expect(within.data.task).toEqual({ id: id.C, status: 'todo', position: 0 })
    expect(await columnsOf()).toEqual({ todo: ['C@0', 'A@1', 'B@2'], in_progress: ['D@0'] })
    expect((await auditFor('tasks', id.C)).at(-1)!.diff).toMatchObject({ position: { old: 2, new: 0 } })

    expect((await move('A', 'in_progress', '1')).status).toBe(200)
    expect(await columnsOf()).toEqual({ todo: ['C@0', 'B@1'], in_progress: ['D@0', 'A@1'] })
    // No index (the status select): the end of the column.
    expect((await move('C', 'in_progress')).status).toBe(200)
    expect(await columnsOf()).toEqual({ todo: ['B@0'], in_progress: ['D@0', 'A@1', 'C@2'] })

    // Invalid places and a client are refused; nothing moved.
    expect((await move('B', 'todo', '-1')).status).toBe(400)
    expect((await move('B', 'todo', 'haut')).status).toBe(400)
    const client = await callAction(boardAction, { as: ACME, path: '/admin/taches?index', form: { intent: 'move', task_id: id.B, status: 'in_progress', index: '0' } })
    expect(client.status).toBe(403)
    expect(await columnsOf()).toEqual({ todo: ['B@0'], in_progress: ['D@0', 'A@1', 'C@2'] })
    await db.from('projects').delete().eq('id', project!.id)
  })
  it('places a dropped card between its shown neighbours, even when a filter hides cards of its project', async () => {
    const db = serviceClient()
    const { data: project } = await db.from('projects').insert({ client_id: IDS.baobab, title: unique('Kanban filtré') }).select('id').single()
    // todo: A, H (hidden by the board's filter), B, C.
    const { data: made } = await db
      .from('tasks')
      .insert(['A', 'H', 'B', 'C'].map((title, i) => ({ project_id: project!.id, title, status: 'todo', position: i })))
      .select('id, title')
    const id = Object.fromEntries(made!.map((t) => [t.title, t.id as string]))
    const order = async () => {
      const { data } = await db.from('tasks').select('title').eq('project_id', project!.id).eq('status', 'todo').order('position')
      return data!.map((t) => t.title).join('')
    }
    const move = (form: Record<string, string>) =>
      callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'move', status: 'todo', ...form } })

    // The board hides H and shows A, B, C.
    // A dragged below B (shown B, A, C): index 1 alone would land before B (H A B C); after B is what was shown.
    expect((await move({ task_id: id.A, index: '1', after_id: id.B, before_id: id.C })).status).toBe(200)
    expect(await order()).toBe('HBAC')
    // C dragged to the top (shown C, B, A): right before B, the hidden H stays first (index 0 alone: C H B A).
    expect((await move({ task_id: id.C, index: '0', before_id: id.B })).status).toBe(200)
    expect(await order()).toBe('HCBA')
    // A neighbour that is not in the column (moved meanwhile): the index decides.
    expect((await move({ task_id: id.H, index: '3', after_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(200)
    expect(await order()).toBe('CBAH')
    // A malformed neighbour is refused, nothing moves.
    expect((await move({ task_id: id.A, after_id: 'pas-un-id' })).status).toBe(400)
    expect(await order()).toBe('CBAH')
    await db.from('projects').delete().eq('id', project!.id)
  })

  it('refuses an unknown status (400), a missing task (404) and a client (403)', async () => {
    const { id } = await newTask()
    expect((await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'move', task_id: id, status: 'archived' } })).status).toBe(400)
    const missing = await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'move', task_id: '00000000-0000-4000-8000-000000000000', status: 'done' } })
    expect(missing.status).toBe(404)
    expect(missing.data.formError).toBe('Tâche introuvable.')
    expect((await callAction(boardAction, { as: ACME, path: '/admin/taches?index', form: { intent: 'move', task_id: id, status: 'done' } })).status).toBe(403)
    expect((await row(id)).status).toBe('todo')
  })
  it('assigns and unassigns; refuses a bad id and a client', async () => {
    const { id } = await newTask()
    expect((await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'assign', task_id: id, assigned_to: IDS.admin } })).status).toBe(200)
    expect((await row(id)).assigned_to).toBe(IDS.admin)
    await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'assign', task_id: id, assigned_to: '' } })
    expect((await row(id)).assigned_to).toBeNull()
    expect((await callAction(boardAction, { as: ADMIN, path: '/admin/taches?index', form: { intent: 'assign', task_id: id, assigned_to: 'x' } })).status).toBe(400)
    expect((await callAction(boardAction, { as: ACME, path: '/admin/taches?index', form: { intent: 'assign', task_id: id, assigned_to: IDS.admin } })).status).toBe(403)
  })
})

describe('checklist, attachments, comments, deletion', () => {
  it('adds, ticks and removes checklist items; refuses an empty label and a client', async () => {
    const { id } = await newTask()
    expect((await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'checklist_add', label: 'Relire les textes' } })).status).toBe(200)
    const { data: items } = await serviceClient().from('task_checklist_items').select('id, is_done').eq('task_id', id)
    expect(items).toHaveLength(1)
    await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'checklist_toggle', item_id: items![0].id, is_done: 'true' } })
    const ticked = (await serviceClient().from('task_checklist_items').select('is_done, done_by').eq('id', items![0].id).single()).data
    expect(ticked).toEqual({ is_done: true, done_by: IDS.admin })
    const empty = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'checklist_add', label: '  ' } })
    expect(empty.status).toBe(400)
    expect(empty.data.formError).toBe('Saisissez un libellé.')
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'checklist_add', label: 'x' } })).status).toBe(403)
    await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'checklist_delete', item_id: items![0].id } })
    expect((await serviceClient().from('task_checklist_items').select('id').eq('task_id', id)).data).toEqual([])
  })

  it('attaches a file in project-files, visible like the task, and removes it with its object', async () => {
    const { id } = await newTask({ visibility: 'client' })
    const form = new FormData()
    form.set('intent', 'attach')
    form.set('file', new File(['Cahier de recette'], 'recette é.txt', { type: 'text/plain' }))
    expect((await callAction(detailAction, { as: ADMIN, ...at(id), form })).status).toBe(200)
    const { data: links } = await serviceClient().from('task_attachments').select('id, documents(id, path, file_name, visibility, client_id, project_id)').eq('task_id', id)
    expect(links).toHaveLength(1)
    const doc = links![0].documents as unknown as { id: string; path: string; file_name: string; visibility: string; client_id: string; project_id: string }
    expect(doc).toMatchObject({ file_name: 'recette é.txt', visibility: 'client', client_id: IDS.acme, project_id: IDS.acmeShop })
    expect(doc.path.startsWith(`${IDS.acme}/${IDS.acmeShop}/`)).toBe(true)
    const stored = await serviceClient().storage.from('project-files').download(doc.path)
    expect(await stored.data!.text()).toBe('Cahier de recette')

    const noFile = new FormData()
    noFile.set('intent', 'attach')
    expect((await callAction(detailAction, { as: ADMIN, ...at(id), form: noFile })).status).toBe(400)
    const bad = new FormData()
    bad.set('intent', 'attach')
    bad.set('file', new File(['MZ'], 'outil.exe', { type: 'application/x-msdownload' }))
    const refused = await callAction(detailAction, { as: ADMIN, ...at(id), form: bad })
    expect(refused.status).toBe(400)
    expect(refused.data.formError).toMatch(/n’est pas d’un type accepté/)
    const asClient = new FormData()
    asClient.set('intent', 'attach')
    asClient.set('file', new File(['x'], 'x.txt', { type: 'text/plain' }))
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: asClient })).status).toBe(403)

    expect((await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'detach', attachment_id: links![0].id } })).status).toBe(200)
    expect((await serviceClient().from('documents').select('id').eq('id', doc.id)).data).toEqual([])
    expect((await serviceClient().storage.from('project-files').download(doc.path)).error).not.toBeNull()
  })

  it('writes client-visible comments and internal notes; an internal note never reaches the client', async () => {
    const { id } = await newTask({ visibility: 'client' })
    await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'comment', body: 'Visible par ACME' } })
    await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'comment', body: 'Note interne NOURX', visibility: 'internal' } })
    const { data } = await serviceClient().from('task_comments').select('body, visibility').eq('task_id', id).order('created_at')
    expect(data).toEqual([
      { body: 'Visible par ACME', visibility: 'client' },
      { body: 'Note interne NOURX', visibility: 'internal' },
    ])
    expect((await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'comment', body: '' } })).status).toBe(400)
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'comment', body: 'x' } })).status).toBe(403)
  })

  it('deletes a task (audited); a client cannot', async () => {
    const { id } = await newTask()
    expect((await callAction(detailAction, { as: ACME, ...at(id), form: { intent: 'delete' } })).status).toBe(403)
    const res = await callAction(detailAction, { as: ADMIN, ...at(id), form: { intent: 'delete' } })
    expect(res.status).toBe(302)
    expect(res.location).toBe('/admin/taches')
    expect(await row(id)).toBeNull()
    expect((await auditFor('tasks', id)).at(-1)).toMatchObject({ action: 'delete', actor_role: 'admin' })
  })
})
