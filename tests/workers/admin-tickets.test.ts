// /admin/reclamations loaders and actions in workerd against the local stack:
// the inbox sorted by SLA deadline (computed by the database from the SLA
// settings), replies and internal notes (never visible to the client),
// status, priority and assignment, files attached to a reply (the client
// portal's rules and code) — valid, invalid and refused to a client.
import { createClient } from '@supabase/supabase-js'
import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { action as detailAction, loader as detailLoader } from '~/routes/admin.reclamations.$id.tsx'
import { loader as inboxLoader } from '~/routes/admin.reclamations._index.tsx'
import { loader as clientTicketLoader } from '~/routes/_client.reclamations.$id.tsx'
import { loader as clientAttachmentLoader } from '~/routes/api.reclamations.$id.pieces-jointes.$documentId.tsx'
import { ACME, ADMIN, auditFor, callAction, callLoader, IDS, serviceClient, unique } from './admin-support.ts'

/** A ticket opened by ACME's member (inserted as service role; the trigger computes the SLA deadline). */
async function newTicket(priority = 'normal') {
  const subject = unique('Réclamation test')
  const { data, error } = await serviceClient()
    .from('tickets')
    .insert({ client_id: IDS.acme, subject, category: 'question', priority, created_by: IDS.acmeUser })
    .select('id, created_at, sla_due_at')
    .single()
  if (error) throw error
  return { ...data, subject }
}
const at = (id: string) => ({ path: `/admin/reclamations/${id}`, params: { id } })
const ticket = async (id: string) => (await serviceClient().from('tickets').select('*').eq('id', id).single()).data

/** What client@acme.test can read of a ticket's thread, through RLS. */
async function clientThread(ticketId: string) {
  const acme = createClient(inject('supabaseUrl'), inject('supabaseAnonKey'), { auth: { persistSession: false, autoRefreshToken: false } })
  await acme.auth.signInWithPassword({ email: ACME, password: 'demo-nourx-2026' })
  const { data } = await acme.from('ticket_messages').select('body, is_internal').eq('ticket_id', ticketId).order('created_at')
  return data ?? []
}

describe('inbox', () => {
  it('lists open tickets by SLA deadline, the database having applied the SLA of each priority', async () => {
    const urgent = await newTicket('urgent')
    const hours = (t: { created_at: string; sla_due_at: string }) => (Date.parse(t.sla_due_at) - Date.parse(t.created_at)) / 3_600_000
    expect(hours(urgent)).toBe(4) // settings.sla_hours_urgent
    const { status, data } = await callLoader(inboxLoader, { as: ADMIN, path: '/admin/reclamations' })
    expect(status).toBe(200)
    const deadlines = data.rows.map((r: { sla_due_at: string }) => r.sla_due_at)
    expect(deadlines).toEqual(deadlines.toSorted())
    expect(data.rows.every((r: { status: string }) => ['open', 'in_progress', 'waiting_client'].includes(r.status))).toBe(true)
    expect(data.rows.map((r: { id: string }) => r.id)).toContain(urgent.id)
  })
  it('filters late tickets and searches by number', async () => {
    const late = await callLoader(inboxLoader, { as: ADMIN, path: '/admin/reclamations?retard=1&etat=toutes' })
    expect(late.data.rows.length).toBeGreaterThan(0)
    expect(late.data.rows.every((r: { sla_due_at: string; status: string }) => Date.parse(r.sla_due_at) < Date.now() && !['resolved', 'closed'].includes(r.status))).toBe(true)
    const byNumber = await callLoader(inboxLoader, { as: ADMIN, path: '/admin/reclamations?etat=toutes&q=1001' })
    expect(byNumber.data.rows.map((r: { number: number }) => r.number)).toEqual([1001])
  })
  it('refuses a client (403)', async () => {
    expect((await callLoader(inboxLoader, { as: ACME, path: '/admin/reclamations' })).status).toBe(403)
  })
})

describe('replies and internal notes', () => {
  it('answers the client (first response recorded) and can move the status in the same step', async () => {
    const t = await newTicket()
    const res = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'reply', body: 'Bonjour, c’est noté.', next_status: 'waiting_client' } })
    expect(res.status).toBe(200)
    expect(res.data.message).toBe('Réponse envoyée au client.')
    const after = await ticket(t.id)
    expect(after.first_response_at).not.toBeNull()
    expect(after.status).toBe('waiting_client')
    expect(await clientThread(t.id)).toEqual([{ body: 'Bonjour, c’est noté.', is_internal: false }])
    expect((await auditFor('ticket_messages', (await serviceClient().from('ticket_messages').select('id').eq('ticket_id', t.id).single()).data!.id))[0]).toMatchObject({ action: 'insert', actor_role: 'admin' })
  })
  it('keeps internal notes away from the client and from the first-response clock', async () => {
    const t = await newTicket()
    await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'reply', body: 'Interne : client important', internal: 'on' } })
    expect((await ticket(t.id)).first_response_at).toBeNull()
    expect(await clientThread(t.id)).toEqual([])
    const detail = await callLoader(detailLoader, { as: ADMIN, ...at(t.id) })
    expect(detail.data.ticket.messages).toMatchObject([{ body: 'Interne : client important', is_internal: true, from_nourx: true }])
  })
  it('refuses an empty message (400, values kept), an unknown status, and a client (403)', async () => {
    const t = await newTicket()
    const empty = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'reply', body: '   ' } })
    expect(empty.status).toBe(400)
    expect(empty.data.result.error.body).toEqual(['Écrivez votre message.'])
    const badStatus = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'reply', body: 'ok', next_status: 'archivee' } })
    expect(badStatus.status).toBe(400)
    expect(badStatus.data.result.initialValue.body).toBe('ok')
    expect((await callAction(detailAction, { as: ACME, ...at(t.id), form: { intent: 'reply', body: 'x', internal: 'on' } })).status).toBe(403)
    expect(await clientThread(t.id)).toEqual([])
  })
})

/** A multipart reply with files, as the page's form sends it. */
function replyForm(fields: Record<string, string>, files: File[]) {
  const form = new FormData()
  form.set('intent', 'reply')
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  for (const f of files) form.append('attachments', f)
  return form
}
const textFile = (name: string, text: string) => new File([new TextEncoder().encode(text)], name, { type: 'text/plain' })

describe('replies with attachments', () => {
  it('attaches files to an answer: stored for the client, listed in their thread, downloadable by them', async () => {
    const t = await newTicket()
    const res = await callAction(detailAction, {
      as: ADMIN,
      ...at(t.id),
      form: replyForm({ body: 'Voici le correctif et la procédure.' }, [textFile('procédure de test.txt', 'Étape 1 : vider le cache')]),
    })
    expect(res.status).toBe(200)
    expect(res.data.message).toBe('Réponse envoyée au client.')

    // The admin's page lists it under the message.
    const admin = await callLoader(detailLoader, { as: ADMIN, ...at(t.id) })
    const [message] = admin.data.ticket.messages
    expect(message.attachments).toMatchObject([{ file_name: 'procédure de test.txt', size_bytes: new TextEncoder().encode('Étape 1 : vider le cache').length }])
    const documentId = message.attachments[0].document_id
    const { data: doc } = await serviceClient().from('documents').select('client_id, visibility, folder, uploaded_by, path').eq('id', documentId).single()
    expect(doc).toMatchObject({ client_id: IDS.acme, visibility: 'client', folder: 'Réclamations', uploaded_by: IDS.admin })
    expect(doc!.path).toMatch(new RegExp(`^${IDS.acme}/general/[0-9a-f-]{36}-procedure-de-test\\.txt$`))

    // The client sees it in the thread and downloads it.
    const client = await callLoader(clientTicketLoader, { as: ACME, path: `/reclamations/${t.id}`, params: { id: t.id } })
    expect(client.status).toBe(200)
    expect(client.data.ticket.messages[0].attachments.map((a: { document_id: string }) => a.document_id)).toEqual([documentId])
    const link = await callLoader(clientAttachmentLoader, { as: ACME, path: '/x', params: { id: t.id, documentId } })
    expect(link.status).toBe(302)
    const file = await fetch(link.location!)
    expect(await file.text()).toBe('Étape 1 : vider le cache')
    expect((await auditFor('ticket_attachments', (await serviceClient().from('ticket_attachments').select('id').eq('document_id', documentId).single()).data!.id))[0]).toMatchObject({ action: 'insert', actor_role: 'admin' })
  })

  it('keeps the files of an internal note internal: not in the client’s thread, not downloadable', async () => {
    const t = await newTicket()
    const res = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: replyForm({ body: 'Interne : logs serveur', internal: 'on' }, [textFile('logs.txt', 'erreur 500')]) })
    expect(res.status).toBe(200)
    const admin = await callLoader(detailLoader, { as: ADMIN, ...at(t.id) })
    const documentId = admin.data.ticket.messages[0].attachments[0].document_id
    expect((await serviceClient().from('documents').select('visibility').eq('id', documentId).single()).data!.visibility).toBe('internal')
    const client = await callLoader(clientTicketLoader, { as: ACME, path: `/reclamations/${t.id}`, params: { id: t.id } })
    expect(JSON.stringify(client.data)).not.toMatch(/logs\.txt|logs serveur/)
    expect((await callLoader(clientAttachmentLoader, { as: ACME, path: '/x', params: { id: t.id, documentId } })).status).toBe(404)
  })

  it('refuses a file the client side would refuse (same French message), keeps the text, stores nothing', async () => {
    const t = await newTicket()
    const exe = new File([new Uint8Array([0x4d, 0x5a])], 'outil.exe', { type: 'application/x-msdownload' })
    const res = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: replyForm({ body: 'Voici l’outil' }, [exe]) })
    expect(res.status).toBe(400)
    expect(res.data.attachmentsError).toBe('« outil.exe » : type de fichier non accepté (PDF, images, documents Office, ZIP, texte).')
    expect(res.data.result.initialValue.body).toBe('Voici l’outil')
    const tooMany = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: replyForm({ body: 'Six fichiers' }, Array.from({ length: 6 }, (_, i) => textFile(`f${i}.txt`, 'x'))) })
    expect(tooMany.status).toBe(400)
    expect(tooMany.data.attachmentsError).toMatch(/fichiers au plus par message/)
    expect(await clientThread(t.id)).toEqual([])
  })

  it('refuses a client posting to the back office, files included (403)', async () => {
    const t = await newTicket()
    const res = await callAction(detailAction, { as: ACME, ...at(t.id), form: replyForm({ body: 'Intrusion' }, [textFile('x.txt', 'x')]) })
    expect(res.status).toBe(403)
    expect(await clientThread(t.id)).toEqual([])
  })
})

describe('status, priority, assignment', () => {
  it('updates them; a new priority makes the database recompute the SLA deadline', async () => {
    const t = await newTicket('low')
    const res = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'update', status: 'in_progress', priority: 'high', assigned_to: IDS.admin } })
    expect(res.status).toBe(200)
    const after = await ticket(t.id)
    expect(after).toMatchObject({ status: 'in_progress', priority: 'high', assigned_to: IDS.admin })
    expect((Date.parse(after.sla_due_at) - Date.parse(after.created_at)) / 3_600_000).toBe(24)
    expect((await auditFor('tickets', t.id)).some((a) => a.action === 'update' && a.actor_role === 'admin')).toBe(true)
  })
  it('refuses bad values (400) and a client (403)', async () => {
    const t = await newTicket()
    const bad = await callAction(detailAction, { as: ADMIN, ...at(t.id), form: { intent: 'update', status: 'open', priority: 'critique' } })
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.priority).toEqual(['Priorité invalide.'])
    expect((await callAction(detailAction, { as: ACME, ...at(t.id), form: { intent: 'update', status: 'closed', priority: 'low' } })).status).toBe(403)
    expect((await ticket(t.id)).status).toBe('open')
  })
  it('answers 404 for an unknown ticket', async () => {
    expect((await callLoader(detailLoader, { as: ADMIN, ...at('00000000-0000-4000-8000-000000000000') })).status).toBe(404)
  })
})
