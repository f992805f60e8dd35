// /taches (list, filters) and /taches/:id (sheet, comment action), in
// workerd, against the local stack, with the unhappy paths.
import { describe, expect, it } from 'vitest'
import { loader as listLoader } from '~/routes/_client.taches._index.tsx'
import { action, loader } from '~/routes/_client.taches.$id.tsx'
import { ACME, adminClient, ADMIN, BAOBAB, callAction, callLoader, clientVisibleTaskCount, IDS } from './client-support.ts'

describe('task list loader', () => {
  it('lists client-visible tasks only, open ones first, with checklist and comment counts', async () => {
    const { status, data } = await callLoader(listLoader, { as: ACME, path: '/taches', project: IDS.acmeProject })
    expect(status).toBe(200)
    expect(data.tasks).toHaveLength(await clientVisibleTaskCount(IDS.acmeProject))
    expect(data.tasks.length).toBeGreaterThanOrEqual(15) // the seed's client-visible tasks
    expect(data.tasks.map((t: { title: string }) => t.title)).not.toContain("Tests de charge de l'API panier")
    const firstDone = data.tasks.findIndex((t: { status: string }) => t.status === 'done')
    expect(data.tasks.slice(firstDone).every((t: { status: string }) => t.status === 'done')).toBe(true)
    const payment = data.tasks.find((t: { id: string }) => t.id === IDS.acmeTask)
    expect(payment.checklist).toEqual({ done: 2, total: 5 })
    // One client-visible comment; the internal one is not counted.
    expect(payment.comments).toBeGreaterThanOrEqual(1)
    expect(data.milestones).toHaveLength(5)
  })

  it('filters by status, priority, milestone and search (LIKE wildcards are literal)', async () => {
    const byPriority = await callLoader(listLoader, { as: ACME, path: '/taches?priorite=urgent' })
    expect(byPriority.data.tasks.map((t: { title: string }) => t.title)).toEqual(['Correctif : panier sur iPhone SE'])
    const byStatus = await callLoader(listLoader, { as: ACME, path: '/taches?statut=review&vue=kanban' })
    expect(byStatus.data.filters.view).toBe('kanban')
    expect(byStatus.data.tasks.every((t: { status: string }) => t.status === 'review')).toBe(true)
    const byMilestone = await callLoader(listLoader, { as: ACME, path: `/taches?jalon=${IDS.acmeInProgressMilestone}` })
    expect(
      byMilestone.data.tasks.every(
        (t: { milestone: { id: string } }) => t.milestone.id === IDS.acmeInProgressMilestone,
      ),
    ).toBe(true)
    const search = await callLoader(listLoader, { as: ACME, path: '/taches?q=MAQUETTES' })
    expect(search.data.tasks.length).toBe(2)
    const wildcard = await callLoader(listLoader, { as: ACME, path: '/taches?q=%25' })
    expect(wildcard.data.tasks).toHaveLength(0)
    const junk = await callLoader(listLoader, { as: ACME, path: '/taches?statut=nope&priorite=&jalon=abc' })
    expect(junk.data.filters).toMatchObject({ status: null, priority: null, milestoneId: null })
  })
})

describe('task sheet loader', () => {
  it('returns the task with checklist, client-visible comments and attachments', async () => {
    const { status, data } = await callLoader(loader, {
      as: ACME,
      path: `/taches/${IDS.acmeTask}`,
      params: { id: IDS.acmeTask },
    })
    expect(status).toBe(200)
    expect(data.task.task_checklist_items.map((i: { label: string }) => i.label)).toEqual([
      'Orange Money',
      'MTN MoMo',
      'Moov Money',
      'Wave',
      'Carte bancaire (3-D Secure)',
    ])
    expect(JSON.stringify(data.task.task_comments)).not.toContain('Interne')
    const withFile = await callLoader(loader, {
      as: ACME,
      path: '/taches/50000000-0000-4000-8000-000000000004',
      params: { id: '50000000-0000-4000-8000-000000000004' },
    })
    expect(withFile.data.task.task_attachments[0].documents.file_name).toBe('maquette-accueil.png')
  })

  it('answers 404 for an internal task, another company’s task, an unknown or malformed id', async () => {
    for (const [who, id] of [
      [ACME, IDS.acmeInternalTask],
      [ACME, IDS.baobabTask],
      [BAOBAB, IDS.acmeTask],
      [ACME, crypto.randomUUID()],
      [ACME, 'pas-un-uuid'],
    ] as const) {
      const res = await callLoader(loader, { as: who, path: `/taches/${id}`, params: { id } })
      expect(res.status, `${who} ${id}`).toBe(404)
      expect(res.data).toEqual({ message: 'Cette tâche est introuvable.' })
    }
  })
})

describe('task comment action', () => {
  it('adds a client comment, visible to NOURX', async () => {
    const body = `Question de test ${crypto.randomUUID()}`
    const res = await callAction(action, {
      as: ACME,
      path: `/taches/${IDS.acmeTask}`,
      params: { id: IDS.acmeTask },
      form: { intent: 'comment', body },
    })
    expect(res).toMatchObject({ status: 200, data: { ok: true } })
    const { data } = await adminClient().from('task_comments').select('visibility, task_id').eq('body', body).single()
    expect(data).toEqual({ visibility: 'client', task_id: IDS.acmeTask })
  })

  it('refuses invalid input (400, French, value kept) and invisible tasks (404)', async () => {
    const long = 'x'.repeat(5001)
    const tooLong = await callAction(action, {
      as: ACME,
      path: '/t',
      params: { id: IDS.acmeTask },
      form: { intent: 'comment', body: long },
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.data.errors.body).toEqual(['5 000 caractères au plus.'])
    expect(tooLong.data.values.body).toBe(long)
    const wrongIntent = await callAction(action, {
      as: ACME,
      path: '/t',
      params: { id: IDS.acmeTask },
      form: { intent: 'status', body: 'done' },
    })
    expect(wrongIntent.status).toBe(400)
    const body = `intrusion ${crypto.randomUUID()}`
    for (const [who, id] of [
      [BAOBAB, IDS.acmeTask],
      [ACME, IDS.acmeInternalTask],
      [ACME, 'pas-un-uuid'],
    ] as const) {
      const res = await callAction(action, { as: who, path: '/t', params: { id }, form: { intent: 'comment', body } })
      expect(res.status, `${who} ${id}`).toBe(404)
    }
    const { count } = await adminClient()
      .from('task_comments')
      .select('id', { count: 'exact', head: true })
      .eq('body', body)
    expect(count).toBe(0)
  })

  it('refuses the admin (no client view) and anonymous visitors', async () => {
    expect(
      (
        await callAction(action, {
          as: ADMIN,
          path: '/t',
          params: { id: IDS.acmeTask },
          form: { intent: 'comment', body: 'a' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await callAction(action, {
          as: null,
          path: '/t',
          params: { id: IDS.acmeTask },
          form: { intent: 'comment', body: 'a' },
        })
      ).status,
    ).toBe(302)
  })
})
