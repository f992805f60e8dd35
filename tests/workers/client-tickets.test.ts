// Réclamations loaders and actions, and the attachment route, in workerd,
// against the local stack: creating (with files, multipart), replying,
// closing with a rating, the SLA deadline from the settings, internal notes
// never returned, another company's tickets answering 404, invalid input.
import { describe, expect, it } from 'vitest'
import { loader as listLoader } from '~/routes/_client.reclamations._index.tsx'
import { action as createAction, loader as newLoader } from '~/routes/_client.reclamations.nouvelle.tsx'
import { action as ticketAction, loader as ticketLoader } from '~/routes/_client.reclamations.$id.tsx'
import { loader as attachmentLoader } from '~/routes/api.reclamations.$id.pieces-jointes.$documentId.tsx'
import { ACME, adminClient, ADMIN, APP, BAOBAB, buildContext, callAction, callLoader, IDS, sessionCookie } from './client-support.ts'

const ACME_TICKET = '90000000-0000-4000-8000-000000000002'
const ACME_CLOSED = '90000000-0000-4000-8000-000000000001'
const ACME_ATTACHMENT = '60000000-0000-4000-8000-000000000006'
const INTERNAL_FILE = '60000000-0000-4000-8000-000000000004'
const ACME_USER = '10000000-0000-4000-8000-000000000002'

/** Posts a multipart form (files included) to an action, as the Worker would receive it. */
async function postMultipart(action: (args: any) => unknown, as: string, path: string, params: Record<string, string>, form: FormData) {
  const request = new Request(`${APP}${path}`, {
    method: 'POST',
    headers: { Cookie: await sessionCookie(as), Origin: APP },
    body: form,
  })
  try {
    const value = await action({ request, context: buildContext(request), params })
    if (value instanceof Response) return { status: value.status, location: value.headers.get('Location'), data: null as any }
    const d = value as { type?: string; init?: ResponseInit; data?: any }
    return d?.type === 'DataWithResponseInit' ? { status: d.init?.status ?? 200, data: d.data, location: null } : { status: 200, data: value as any, location: null }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), data: null as any }
    const d = thrown as { type?: string; init?: ResponseInit; data?: unknown }
    if (d?.type === 'DataWithResponseInit') return { status: d.init?.status ?? 500, data: d.data as any, location: null }
    throw thrown
  }
}

function ticketForm(fields: Record<string, string>, files: File[] = []) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  for (const f of files) form.append('attachments', f)
  return form
}

const VALID = {
  subject: 'Le formulaire de contact ne part pas',
  projectId: IDS.acmeProject,
  category: 'bug',
  priority: 'high',
  description: 'Quand on clique sur Envoyer, rien ne se passe depuis ce matin.',
}

describe('list and detail loaders', () => {
  it('lists ACME’s tickets only, filtered by status group', async () => {
    const all = await callLoader(listLoader, { as: ACME, path: '/reclamations' })
    expect(all.status).toBe(200)
    expect(all.data.tickets.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([ACME_TICKET, ACME_CLOSED]))
    expect(JSON.stringify(all.data)).not.toContain('Modifier les horaires') // Baobab's
    const closed = await callLoader(listLoader, { as: ACME, path: '/reclamations?statut=fermees' })
    expect(closed.data.tickets.every((t: { status: string }) => t.status === 'closed')).toBe(true)
    const baobab = await callLoader(listLoader, { as: BAOBAB, path: '/reclamations' })
    expect(JSON.stringify(baobab.data)).not.toContain('panier')
  })

  it('shows the public thread with NOURX’s reply and attachment, never the internal note or its file', async () => {
    const { status, data } = await callLoader(ticketLoader, { as: ACME, path: '/x', params: { id: ACME_TICKET } })
    expect(status).toBe(200)
    const text = JSON.stringify(data)
    expect(text).not.toContain('Interne : reproduit')
    expect(text).not.toContain(INTERNAL_FILE)
    expect(text).not.toContain('notes-internes')
    const reply = data.ticket.messages.find((m: { from_nourx: boolean }) => m.from_nourx)
    expect(reply).toMatchObject({ author_name: 'Yannick Kouadio' })
    expect(reply.body).toContain('Merci pour la capture')
    expect(data.ticket.messages.flatMap((m: { attachments: { document_id: string }[] }) => m.attachments.map((a) => a.document_id))).toEqual([ACME_ATTACHMENT])
    expect(data.ticket.sla_due_at).toBeTruthy()
  })

  it('answers 404 to another company, a malformed or unknown id', async () => {
    for (const [as, id] of [
      [BAOBAB, ACME_TICKET],
      [ACME, '90000000-0000-4000-8000-000000000004'],
      [ACME, 'nope'],
      [ACME, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await callLoader(ticketLoader, { as, path: '/x', params: { id } })
      expect(res.status, `${as} ${id}`).toBe(404)
      expect(JSON.stringify(res.data)).not.toMatch(/panier|horaires/)
    }
  })

  it('prefills a "Paiement" ticket from an invoice with its latest online attempt', async () => {
    const { data } = await callLoader(newLoader, { as: ACME, path: '/reclamations/nouvelle?facture=80000000-0000-4000-8000-000000000002' })
    expect(data.defaults).toMatchObject({ category: 'payment', paymentAttemptId: 'a0000000-0000-4000-8000-000000000002', transactionId: 'NX3H8D2F6C5E' })
    expect(data.defaults.subject).toMatch(/^Paiement de la facture FAC-\d{4}-\d{5}$/)
    const foreign = await callLoader(newLoader, { as: BAOBAB, path: '/reclamations/nouvelle?facture=80000000-0000-4000-8000-000000000002' })
    expect(foreign.data.defaults.paymentAttemptId).toBe('')
  })
})

describe('attachment route', () => {
  it('redirects to a 60-second signed URL serving the file; 404 for the internal file, another company, unknown ids', async () => {
    const ok = await callLoader(attachmentLoader, { as: ACME, path: '/x', params: { id: ACME_TICKET, documentId: ACME_ATTACHMENT } })
    expect(ok.status).toBe(302)
    const file = await fetch(ok.location!)
    expect(file.status).toBe(200)
    expect(new Uint8Array(await file.arrayBuffer()).subarray(0, 4)).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
    for (const [as, id, documentId] of [
      [ACME, ACME_TICKET, INTERNAL_FILE],
      [BAOBAB, ACME_TICKET, ACME_ATTACHMENT],
      [ACME, ACME_CLOSED, ACME_ATTACHMENT],
      [ACME, 'x', ACME_ATTACHMENT],
    ] as const) {
      const res = await callLoader(attachmentLoader, { as, path: '/x', params: { id, documentId } })
      expect(res.status, `${as} ${id} ${documentId}`).toBe(404)
      expect(res.location ?? null).toBeNull()
    }
  })
})

describe('create action', () => {
  it('refuses invalid input and keeps what was typed', async () => {
    const res = await callAction(createAction, { as: ACME, path: '/reclamations/nouvelle', form: { ...VALID, subject: 'ab', category: 'inconnue', description: 'court' } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.data.errors).sort()).toEqual(['category', 'description', 'subject'])
    expect(res.data.values.subject).toBe('ab')
  })

  it('refuses a project of another company and a transaction of another company', async () => {
    const project = await callAction(createAction, { as: ACME, path: '/x', form: { ...VALID, projectId: IDS.baobabProject } })
    expect(project.status).toBe(400)
    expect(project.data.errors.projectId[0]).toMatch(/n’existe pas/)
    const attempt = await callAction(createAction, {
      as: ACME,
      path: '/x',
      form: { ...VALID, category: 'payment', paymentAttemptId: 'a0000000-0000-4000-8000-000000000003' }, // Baobab's
    })
    expect(attempt.status).toBe(400)
    expect(attempt.data.errors.paymentAttemptId[0]).toMatch(/n'appartient pas|n’appartient pas/)
  })

  it('creates the ticket with its first message, SLA from the settings and attachments in project-files', async () => {
    const before = Date.now()
    const note = new File([new TextEncoder().encode('Étapes pour reproduire : 1. ouvrir /contact')], 'étapes à suivre.txt', { type: 'text/plain' })
    const res = await postMultipart(createAction, ACME, '/reclamations/nouvelle', {}, ticketForm(VALID, [note]))
    expect(res.status).toBe(302)
    const id = res.location!.split('/').pop()!
    const admin = adminClient()
    const { data: ticket } = await admin
      .from('tickets')
      .select('client_id, project_id, category, priority, status, created_by, created_at, sla_due_at')
      .eq('id', id)
      .single()
    expect(ticket).toMatchObject({ client_id: IDS.acmeClient, project_id: IDS.acmeProject, category: 'bug', priority: 'high', status: 'open', created_by: ACME_USER })
    // settings.sla_hours_high = 24 in the seed.
    expect(new Date(ticket!.sla_due_at).getTime() - new Date(ticket!.created_at).getTime()).toBe(24 * 3600 * 1000)
    expect(new Date(ticket!.created_at).getTime()).toBeGreaterThan(before - 60_000)

    const { data } = await callLoader(ticketLoader, { as: ACME, path: '/x', params: { id } })
    expect(data.ticket.messages).toHaveLength(1)
    expect(data.ticket.messages[0].body).toBe(VALID.description)
    const [attachment] = data.ticket.messages[0].attachments
    expect(attachment).toMatchObject({ file_name: 'étapes à suivre.txt', mime_type: 'text/plain' })
    const { data: doc } = await admin.from('documents').select('path, folder, visibility, uploaded_by').eq('id', attachment.document_id).single()
    expect(doc).toMatchObject({ folder: 'Réclamations', visibility: 'client', uploaded_by: ACME_USER })
    expect(doc!.path).toMatch(new RegExp(`^${IDS.acmeClient}/${IDS.acmeProject}/[0-9a-f-]{36}-etapes-a-suivre\\.txt$`))
    const link = await callLoader(attachmentLoader, { as: ACME, path: '/x', params: { id, documentId: attachment.document_id } })
    expect(await (await fetch(link.location!)).text()).toBe('Étapes pour reproduire : 1. ouvrir /contact')
  })

  it('refuses a file of a type the bucket does not accept, before creating anything', async () => {
    const exe = new File([new Uint8Array([0x4d, 0x5a])], 'outil.exe', { type: 'application/x-msdownload' })
    const res = await postMultipart(createAction, ACME, '/x', {}, ticketForm({ ...VALID, subject: 'Fichier refusé attendu' }, [exe]))
    expect(res.status).toBe(400)
    expect(res.data.errors.attachments[0]).toMatch(/type de fichier non accepté/)
    const { count } = await adminClient().from('tickets').select('id', { count: 'exact', head: true }).eq('subject', 'Fichier refusé attendu')
    expect(count).toBe(0)
  })
})

describe('reply and close actions', () => {
  it('replies on an open ticket; refuses an empty message and a closed ticket', async () => {
    const empty = await callAction(ticketAction, { as: ACME, path: '/x', params: { id: ACME_TICKET }, form: { intent: 'repondre', body: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.data.errors.body).toBeDefined()
    const ok = await callAction(ticketAction, { as: ACME, path: '/x', params: { id: ACME_TICKET }, form: { intent: 'repondre', body: 'Toujours visible sur iPhone 12.' } })
    expect(ok.status).toBe(302)
    const closed = await callAction(ticketAction, { as: ACME, path: '/x', params: { id: ACME_CLOSED }, form: { intent: 'repondre', body: 'Encore moi' } })
    expect(closed.status).toBe(409)
    expect(closed.data.formError).toMatch(/fermée/)
    const foreign = await callAction(ticketAction, { as: BAOBAB, path: '/x', params: { id: ACME_TICKET }, form: { intent: 'repondre', body: 'Intrus' } })
    expect(foreign.status).toBe(404)
  })

  it('closes only a resolved ticket, with a 1–5 rating recorded by close_ticket()', async () => {
    const notResolved = await callAction(ticketAction, { as: ACME, path: '/x', params: { id: ACME_TICKET }, form: { intent: 'fermer', rating: '5' } })
    expect(notResolved.status).toBe(409)
    expect(notResolved.data.formError).toMatch(/résolue/)

    const created = await callAction(createAction, { as: ACME, path: '/x', form: { ...VALID, subject: 'À fermer après résolution' } })
    const id = created.location!.split('/').pop()!
    const admin = adminClient()
    expect((await admin.from('tickets').update({ status: 'resolved' }).eq('id', id)).error).toBeNull()

    const badRating = await callAction(ticketAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'fermer', rating: '7' } })
    expect(badRating.status).toBe(400)
    expect(badRating.data.errors.rating).toBeDefined()
    const foreign = await callAction(ticketAction, { as: BAOBAB, path: '/x', params: { id }, form: { intent: 'fermer', rating: '1' } })
    expect(foreign.status).toBe(404)
    const ok = await callAction(ticketAction, { as: ACME, path: '/x', params: { id }, form: { intent: 'fermer', rating: '4', comment: 'Rapide.' } })
    expect(ok.status).toBe(302)
    const { data: row } = await admin.from('tickets').select('status, rating, rating_comment, rated_at, closed_at').eq('id', id).single()
    expect(row).toMatchObject({ status: 'closed', rating: 4, rating_comment: 'Rapide.' })
    expect(row!.rated_at).toBeTruthy()
    expect(row!.closed_at).toBeTruthy()
  })

  it('refuses writes from the admin in the client portal and from anonymous callers', async () => {
    const admin = await callAction(ticketAction, { as: ADMIN, path: '/x', params: { id: ACME_TICKET }, form: { intent: 'repondre', body: 'x' } })
    expect(admin.status).toBe(403)
    const anonymous = await callAction(createAction, { as: null, path: '/reclamations/nouvelle', form: VALID })
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/connexion/)
  })
})
