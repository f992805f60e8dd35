// Transactional e-mails (app/lib/notifications) in workerd against the local
// stack: the renderer and the sender as units, then each event driven through
// the real route action (or the payment settlement), the mails read back from
// the local mail catcher. The actions run with an execution context whose
// waitUntil() promises the test awaits, exactly what the Worker keeps alive
// after the response.
//
// Every test works on its own company and members (other test files change
// ACME's members and documents), so the expected mails are exact.
import { RouterContextProvider } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import { inject } from 'vitest'
import { requestContext, supabaseContext } from '~/lib/context.server.ts'
import type { AppEnv } from '~/lib/env.server.ts'
import { formatDay, formatXOF } from '~/lib/format.ts'
import { inviteMember, type InviteAuth } from '~/lib/admin/invite.server.ts'
import { paymentNotifier } from '~/lib/notifications/background.server.ts'
import { notifyDeletionRequest } from '~/lib/notifications/deletion-request.server.ts'
import { notifyDocumentSent, type NotifyDb } from '~/lib/notifications/notify.server.ts'
import { renderEmail, renderTemplate, templateVariables } from '~/lib/notifications/render.ts'
import { sendEmail } from '~/lib/notifications/send.server.ts'
import { runCheck } from '~/lib/payments/run-check.server.ts'
import { createSupabaseServerClient } from '~/lib/supabase.server.ts'
import { action as parametresAction } from '~/routes/_client.parametres.tsx'
import { action as quoteAction } from '~/routes/admin.factures-devis.devis.$id.tsx'
import { action as invoiceAction } from '~/routes/admin.factures-devis.factures.$id.tsx'
import { action as projectAction } from '~/routes/admin.projets.$id.tsx'
import { action as taskAction } from '~/routes/admin.taches.$id.tsx'
import { action as ticketAction } from '~/routes/admin.reclamations.$id.tsx'
import { action as deletionAction } from '~/routes/admin.demandes-suppression.tsx'
import { ADMIN, mailsTo, serviceClient, unique } from './admin-support.ts'
import { APP, PASSWORD, sessionCookie, settle, testEnv } from './client-support.ts'

/** Nothing listens there: connection refused at once. */
const DEAD_EMAIL_API = 'http://127.0.0.1:9'


type Handler = (args: any) => unknown

/**
 * Runs a route action as `as` and returns its outcome plus `background()`,
 * which resolves once every waitUntil() task has finished.
 */
async function act(
  action: Handler,
  { as, path, params = {}, form, env }: { as: string; path: string; params?: Record<string, string>; form: Record<string, string> | FormData; env?: Partial<AppEnv> },
) {
  const request = new Request(`${APP}${path}`, {
    method: 'POST',
    headers: { Origin: APP, Cookie: await sessionCookie(as) },
    // A FormData goes multipart (file uploads), like a browser's form with a file input.
    body: form instanceof FormData ? form : new URLSearchParams(form),
  })
  const pending: Promise<unknown>[] = []
  const e = testEnv(env)
  const context = new RouterContextProvider()
  const { supabase, headers } = createSupabaseServerClient(request, e)
  context.set(supabaseContext, { supabase, headers })
  context.set(requestContext, {
    env: e,
    bindings: {} as Env,
    executionContext: { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    nonce: 'test',
  })
  const started = Date.now()
  const outcome = await settle(async () => action({ request, context, params }))
  return { ...outcome, elapsedMs: Date.now() - started, pending, background: () => Promise.allSettled(pending) }
}

/** A company of its own with members (demo password), for exact mail assertions. */
async function company(memberNames: string[]) {
  const admin = serviceClient()
  const name = unique('Société Notif')
  const { data: client, error } = await admin.from('clients').insert({ name, country: 'CI' }).select('id').single()
  if (error) throw error
  const members: { id: string; email: string; name: string }[] = []
  for (const full_name of memberNames) {
    const email = `${unique('notif')}@workers.test`
    const created = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name } })
    if (created.error) throw created.error
    const link = await admin.from('client_members').insert({ client_id: client.id, user_id: created.data.user.id, role: 'member' })
    if (link.error) throw link.error
    members.push({ id: created.data.user.id, email, name: full_name })
  }
  return { id: client.id as string, name, members }
}

async function draftDocument(kind: 'invoices' | 'quotes', clientId: string, lines: { quantity: number; unit_price: number }[]) {
  const admin = serviceClient()
  const today = new Date().toISOString().slice(0, 10)
  const extra = kind === 'invoices' ? { due_date: '2026-12-31' } : { valid_until: '2026-12-20' }
  const { data, error } = await admin
    .from(kind)
    .insert({ client_id: clientId, title: 'Site vitrine', vat_rate: 18, issue_date: today, ...extra })
    .select('id')
    .single()
  if (error) throw error
  const items = await admin
    .from(kind === 'invoices' ? 'invoice_items' : 'quote_items')
    .insert(lines.map((l, i) => ({ [kind === 'invoices' ? 'invoice_id' : 'quote_id']: data.id, position: i, label: `Ligne ${i + 1}`, ...l })))
  if (items.error) throw items.error
  return data.id as string
}

async function optOut(userId: string, event: string) {
  const { error } = await serviceClient().from('notification_preferences').upsert({ user_id: userId, event, email: false, whatsapp: false })
  if (error) throw error
}


/* ------------------------------------------------------------------------ */

describe('renderer', () => {
  const template = {
    subject: 'Facture {{numero}} — {{montant}}',
    body: 'Bonjour {{prenom}},\n\nVotre facture {{numero}} : {{lien}}\n{{inconnu}}Fin.',
    variables: ['prenom', 'numero', 'montant', 'lien'],
  }

  it('fills the allowed variables in the subject, the text and the HTML parts', () => {
    const mail = renderEmail(template, { prenom: 'Awa', numero: 'FAC-2026-00001', montant: formatXOF(1180000), lien: 'https://app.test/f/1' })
    expect(mail.subject).toBe(`Facture FAC-2026-00001 — ${formatXOF(1180000)}`)
    expect(mail.text).toBe('Bonjour Awa,\n\nVotre facture FAC-2026-00001 : https://app.test/f/1\nFin.')
    expect(mail.html).toContain('<p style="margin:0 0 16px">Bonjour Awa,</p>')
    expect(mail.html).toContain('<a href="https://app.test/f/1" style="color:#111;font-weight:600">https://app.test/f/1</a><br>Fin.')
  })

  it('drops unknown and missing placeholders instead of sending {{…}}, and names them', () => {
    const mail = renderEmail(template, { prenom: 'Awa', numero: 'N1', inconnu: 'jamais' } as Record<string, string>)
    expect(mail.text).not.toContain('{{')
    expect(mail.text).not.toContain('jamais')
    expect(mail.html).not.toContain('{{')
    expect(mail.missing.sort()).toEqual(['inconnu', 'lien', 'montant'])
    expect(mail.subject).toBe('Facture N1 —')
  })

  it('escapes HTML in the template and in the values; only an http(s) `lien` becomes a link', () => {
    const mail = renderEmail(
      { subject: '{{sujet}}', body: '<b>{{extrait}}</b> {{lien}}', variables: ['sujet', 'extrait', 'lien'] },
      { sujet: 'Ligne 1\nLigne 2 <script>', extrait: '<img src=x onerror=alert(1)> & "moi"', lien: 'javascript:alert(1)' },
    )
    expect(mail.subject).toBe('Ligne 1 Ligne 2 <script>')
    expect(mail.html).toContain('&lt;b&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;moi&quot;&lt;/b&gt; javascript:alert(1)')
    expect(mail.html).not.toContain('<img')
    expect(mail.html).not.toContain('href="javascript')
    expect(mail.html).toContain('<title>Ligne 1 Ligne 2 &lt;script&gt;</title>')
    // The text part is plain text: nothing escaped there.
    expect(mail.text).toBe('<b><img src=x onerror=alert(1)> & "moi"</b> javascript:alert(1)')
  })

  it('the admin preview uses the same placeholder syntax and keeps mistakes visible', () => {
    expect(templateVariables('{{ prenom }} {{lien}} {{prenom}}')).toEqual(['prenom', 'lien'])
    expect(renderTemplate('Bonjour {{ prenom }} {{oups}}', { prenom: 'Awa' })).toBe('Bonjour Awa {{oups}}')
  })
})

describe('sender', () => {
  const mail = { to: ['x@workers.test'], subject: 'Test', text: 't', html: '<p>t</p>' }

  it('posts a Resend-style request with the bearer key and returns the id', async () => {
    const calls: { url: string; init: RequestInit }[] = []
    const result = await sendEmail(testEnv(), mail, {
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init })
        return Response.json({ id: 'abc' })
      }) as unknown as typeof fetch,
    })
    expect(result).toEqual({ ok: true, id: 'abc' })
    expect(calls[0].url).toBe(`${inject('mailUrl')}/emails`)
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer test')
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ from: 'NOURX <noreply@nourx.test>', ...mail })
  })

  it('never throws: refused connection, HTTP error and timeout each give one log line', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const refused = await sendEmail(testEnv({ EMAIL_API_URL: DEAD_EMAIL_API }), mail)
      expect(refused.ok).toBe(false)
      const http = await sendEmail(testEnv(), mail, {
        fetch: (async () => Response.json({ name: 'validation_error' }, { status: 422 })) as unknown as typeof fetch,
      })
      expect(http).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 422') })
      const started = Date.now()
      const slow = await sendEmail(testEnv(), mail, {
        timeoutMs: 200,
        fetch: ((_url: string, init: RequestInit) =>
          new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof fetch,
      })
      expect(slow).toMatchObject({ ok: false, error: expect.stringContaining('délai dépassé') })
      expect(Date.now() - started).toBeLessThan(2000)
      expect(log).toHaveBeenCalledTimes(3)
      expect(log.mock.calls.every(([line]) => String(line).startsWith('[email] '))).toBe(true)
    } finally {
      log.mockRestore()
    }
  })
})

describe('invoice_sent and quote_sent', () => {
  it('sending an invoice mails every member with its number, total, due date and link; a member who opted out gets nothing', async () => {
    const c = await company(['Awa Traoré', 'Koffi Yao'])
    await optOut(c.members[1].id, 'invoice_sent')
    const id = await draftDocument('invoices', c.id, [{ quantity: 2, unit_price: 250000 }])
    const res = await act(invoiceAction, { as: ADMIN, path: `/admin/factures-devis/factures/${id}`, params: { id }, form: { intent: 'send' } })
    expect(res.status).toBe(302)
    await res.background()

    const { data: invoice } = await serviceClient().from('invoices').select('number, total_ttc').eq('id', id).single()
    expect(invoice!.total_ttc).toBe(590000)
    const mails = await mailsTo(c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe(`Facture ${invoice!.number} — ${formatXOF(590000)}`)
    expect(mails[0].text).toContain('Bonjour Awa,')
    expect(mails[0].text).toContain(`Échéance : ${formatDay('2026-12-31')}`)
    expect(mails[0].text).toContain(`${APP}/factures-devis/${id}`)
    expect(mails[0].html).toContain(`href="${APP}/factures-devis/${id}"`)
    expect(await mailsTo(c.members[1].email)).toEqual([])
  })

  it('sending a quote mails its number, total, validity and acceptance link', async () => {
    const c = await company(['Mariam Koné'])
    const id = await draftDocument('quotes', c.id, [{ quantity: 1, unit_price: 100000 }])
    const res = await act(quoteAction, { as: ADMIN, path: `/admin/factures-devis/devis/${id}`, params: { id }, form: { intent: 'send' } })
    expect(res.status).toBe(302)
    await res.background()
    const { data: quote } = await serviceClient().from('quotes').select('number').eq('id', id).single()
    const [mail, ...more] = await mailsTo(c.members[0].email)
    expect(more).toEqual([])
    expect(mail.subject).toBe(`Devis ${quote!.number} — ${formatXOF(118000)}`)
    expect(mail.text).toContain(`valable jusqu'au ${formatDay('2026-12-20')}`)
    expect(mail.text).toContain(`${APP}/factures-devis/devis/${id}`)
  })

  it('a drafted (unsent) document mails nobody', async () => {
    const c = await company(['Draft Test'])
    const id = await draftDocument('invoices', c.id, [{ quantity: 1, unit_price: 1000 }])
    const result = await notifyDocumentSent({ db: serviceClient() as NotifyDb, env: testEnv() }, 'facture', id)
    expect(result.sent).toEqual([])
    expect(await mailsTo(c.members[0].email)).toEqual([])
  })

  it('a failing e-mail API does not fail or slow the send: the invoice is sent, the error is logged', async () => {
    const c = await company(['Panne Mail'])
    const id = await draftDocument('invoices', c.id, [{ quantity: 1, unit_price: 5000 }])
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await act(invoiceAction, {
        as: ADMIN,
        path: `/admin/factures-devis/factures/${id}`,
        params: { id },
        form: { intent: 'send' },
        env: { EMAIL_API_URL: DEAD_EMAIL_API },
      })
      expect(res.status).toBe(302)
      expect(res.pending).toHaveLength(1)
      const [background] = await res.background()
      expect(background.status).toBe('fulfilled')
      expect(log.mock.calls.some(([line]) => /^\[email\] e-mail « invoice_sent FAC-/.test(String(line)))).toBe(true)
    } finally {
      log.mockRestore()
    }
    const { data } = await serviceClient().from('invoices').select('status').eq('id', id).single()
    expect(data!.status).toBe('sent')
    expect(await mailsTo(c.members[0].email)).toEqual([])
  })
})

describe('ticket_reply', () => {
  it('a public answer mails the ticket’s author with the subject and an excerpt; an internal note mails nobody', async () => {
    const c = await company(['Awa Auteur', 'Yao Collègue'])
    const { data: ticket, error } = await serviceClient()
      .from('tickets')
      .insert({ client_id: c.id, subject: 'Page de paiement en erreur', created_by: c.members[0].id })
      .select('id')
      .single()
    if (error) throw error
    const path = `/admin/reclamations/${ticket.id}`
    const note = await act(ticketAction, { as: ADMIN, path, params: { id: ticket.id }, form: { intent: 'reply', body: 'Note interne : voir CinetPay', internal: 'on' } })
    expect(note.status).toBe(200)
    expect(note.pending).toHaveLength(0)

    const body = `Bonjour, c’est corrigé <b>ici</b>.\n${'x'.repeat(600)}`
    const res = await act(ticketAction, { as: ADMIN, path, params: { id: ticket.id }, form: { intent: 'reply', body } })
    expect(res.status).toBe(200)
    await res.background()
    const mails = await mailsTo(c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe('Réponse à votre demande « Page de paiement en erreur »')
    expect(mails[0].text).toContain('Bonjour, c’est corrigé <b>ici</b>.')
    expect(mails[0].text).not.toContain('Note interne')
    expect(mails[0].text).toContain(`${'x'.repeat(100)}…`)
    expect(mails[0].text).not.toContain('x'.repeat(500))
    expect(mails[0].html).toContain('c’est corrigé &lt;b&gt;ici&lt;/b&gt;.')
    expect(mails[0].text).toContain(`${APP}/reclamations/${ticket.id}`)
    expect(await mailsTo(c.members[1].email)).toEqual([])
  })

  it('the author who opted out of ticket replies gets nothing', async () => {
    const c = await company(['Sans Mail'])
    await optOut(c.members[0].id, 'ticket_reply')
    const { data: ticket } = await serviceClient()
      .from('tickets')
      .insert({ client_id: c.id, subject: 'Question facture', created_by: c.members[0].id })
      .select('id')
      .single()
    const res = await act(ticketAction, { as: ADMIN, path: `/admin/reclamations/${ticket!.id}`, params: { id: ticket!.id }, form: { intent: 'reply', body: 'Réponse' } })
    expect(res.status).toBe(200)
    await res.background()
    expect(await mailsTo(c.members[0].email)).toEqual([])
  })
})

describe('milestone_delivered', () => {
  it('mails the members when the admin delivers a milestone, once: editing it afterwards sends nothing', async () => {
    const c = await company(['Awa Jalon'])
    const admin = serviceClient()
    const { data: project } = await admin.from('projects').insert({ client_id: c.id, title: 'Refonte du site', status: 'active' }).select('id').single()
    const { data: milestone } = await admin
      .from('milestones')
      .insert({ project_id: project!.id, title: 'Maquettes', status: 'in_progress' })
      .select('id')
      .single()
    const save = (title: string, status: string) =>
      act(projectAction, {
        as: ADMIN,
        path: `/admin/projets/${project!.id}`,
        params: { id: project!.id },
        form: { intent: 'save_milestone', milestone_id: milestone!.id, title, status, deliverables: '' },
      })

    const delivered = await save('Maquettes', 'delivered')
    expect(delivered.status).toBe(200)
    await delivered.background()
    const mails = await mailsTo(c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe('Jalon livré : Maquettes')
    expect(mails[0].text).toContain('Le jalon « Maquettes » du projet Refonte du site est livré.')
    expect(mails[0].text).toContain(`${APP}/feuille-de-route#jalon-${milestone!.id}`)

    const edited = await save('Maquettes v2', 'delivered')
    expect(edited.status).toBe(200)
    await edited.background()
    const inProgress = await save('Maquettes v2', 'in_progress')
    await inProgress.background()
    expect(inProgress.pending).toHaveLength(0)
    expect(await mailsTo(c.members[0].email)).toHaveLength(1)
  })
})

describe('document_added and task_comment', () => {
  /** A company with two members (the second switched `event` off) and a task of the given visibility. */
  async function taskOf(visibility: 'client' | 'internal', event: string) {
    const c = await company(['Awa Tâche', 'Yao Sans Mail'])
    await optOut(c.members[1].id, event)
    const admin = serviceClient()
    const { data: project } = await admin.from('projects').insert({ client_id: c.id, title: 'Boutique', status: 'active' }).select('id').single()
    const { data: task } = await admin.from('tasks').insert({ project_id: project!.id, title: 'Photos produits', visibility }).select('id').single()
    const run = (form: Record<string, string> | FormData) => act(taskAction, { as: ADMIN, path: `/admin/taches/${task!.id}`, params: { id: task!.id }, form })
    return { c, taskId: task!.id as string, run }
  }

  it('a comment NOURX writes for the client mails the members who want it; an internal note mails nobody', async () => {
    const { c, taskId, run } = await taskOf('client', 'task_comment')
    const note = await run({ intent: 'comment', body: 'Note interne : relancer le photographe.', visibility: 'internal' })
    expect(note.status).toBe(200)
    await note.background()
    const comment = await run({ intent: 'comment', body: 'Les photos sont en ligne, dites-nous si elles vous conviennent.' })
    expect(comment.status).toBe(200)
    await comment.background()
    const mails = await mailsTo(c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Nouveau commentaire sur « Photos produits »')
    expect(mails[0]!.text).toContain('Les photos sont en ligne, dites-nous si elles vous conviennent.')
    expect(mails[0]!.text).not.toContain('relancer le photographe')
    expect(mails[0]!.text).toContain(`${APP}/taches/${taskId}`)
    expect(await mailsTo(c.members[1].email)).toHaveLength(0)
  })

  it('a comment on an internal task mails nobody', async () => {
    const { c, run } = await taskOf('internal', 'task_comment')
    const comment = await run({ intent: 'comment', body: 'Visible… mais la tâche est interne.' })
    expect(comment.status).toBe(200)
    await comment.background()
    expect(await mailsTo(c.members[0].email)).toHaveLength(0)
  })

  it('a file attached to a client-visible task mails document_added with a link to it; on an internal task, nothing', async () => {
    const shared = await taskOf('client', 'document_added')
    const attach = (run: typeof shared.run) => {
      const form = new FormData()
      form.set('intent', 'attach')
      form.set('file', new File(['photo'], 'photos-produits.txt', { type: 'text/plain' }))
      return run(form)
    }
    const done = await attach(shared.run)
    expect(done.status).toBe(200)
    await done.background()
    const mails = await mailsTo(shared.c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Nouveau document : photos-produits.txt')
    expect(mails[0]!.text).toMatch(new RegExp(`${APP}/documents/[0-9a-f-]{36}`))
    expect(await mailsTo(shared.c.members[1].email)).toHaveLength(0)

    const hidden = await taskOf('internal', 'document_added')
    const internal = await attach(hidden.run)
    expect(internal.status).toBe(200)
    await internal.background()
    expect(await mailsTo(hidden.c.members[0].email)).toHaveLength(0)
  })
})

describe('payment_received', () => {
  it('the settlement that records an accepted payment mails the receipt number once; a second check sends nothing', async () => {
    const c = await company(['Awa Payeuse', 'Yao Sans Mail'])
    await optOut(c.members[1].id, 'payment_received')
    const admin = serviceClient()
    const id = await draftDocument('invoices', c.id, [{ quantity: 1, unit_price: 10000 }])
    await admin.from('invoices').update({ status: 'sent' }).eq('id', id)
    const transactionId = `NTF${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`
    const inserted = await admin.from('payment_attempts').insert({ invoice_id: id, client_id: c.id, transaction_id: transactionId, amount: 11800 })
    if (inserted.error) throw inserted.error

    // CinetPay's check answers "accepted, 11 800 XOF".
    const cinetpayFetch = (async () =>
      Response.json({
        code: '00',
        message: 'SUCCES',
        api_response_id: '1700000000.1',
        data: {
          amount: '11800',
          currency: 'XOF',
          status: 'ACCEPTED',
          payment_method: 'OM',
          description: 'Facture',
          metadata: null,
          operator_id: 'MP261124.0001',
          payment_date: '2026-11-24 10:00:00',
          fund_availability_date: '2026-11-25 00:00:00',
        },
      })) as unknown as typeof fetch
    const pending: Promise<unknown>[] = []
    const deps = {
      admin,
      cinetpay: { apiUrl: 'http://cinetpay.test', apiKey: 'k', siteId: '1', fetch: cinetpayFetch },
      queue: null,
      notify: paymentNotifier(admin as NotifyDb, testEnv(), { waitUntil: (p: Promise<unknown>) => void pending.push(p) }),
    }
    const first = await runCheck(deps as never, { transactionId, source: 'notification' })
    expect(first).toMatchObject({ kind: 'checked', decision: 'accepted' })
    const again = await runCheck(deps as never, { transactionId, source: 'manual' })
    expect(again).toMatchObject({ kind: 'checked', decision: 'ignored' })
    expect(pending).toHaveLength(1)
    await Promise.all(pending)

    const { data: receipt } = await admin.from('receipts').select('number').eq('invoice_id', id).single()
    const { data: invoice } = await admin.from('invoices').select('number, status').eq('id', id).single()
    expect(invoice!.status).toBe('paid')
    const mails = await mailsTo(c.members[0].email)
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe(`Paiement reçu — facture ${invoice!.number}`)
    expect(mails[0].text).toContain(`votre paiement de ${formatXOF(11800)} pour la facture ${invoice!.number}`)
    expect(mails[0].text).toContain(`Votre reçu ${receipt!.number}`)
    expect(mails[0].text).toContain(`${APP}/factures-devis/${id}`)
    expect(await mailsTo(c.members[1].email)).toEqual([])
  })

  it('a transfer the admin records on the invoice page mails the receipt too', async () => {
    const c = await company(['Awa Virement'])
    const id = await draftDocument('invoices', c.id, [{ quantity: 1, unit_price: 20000 }])
    await serviceClient().from('invoices').update({ status: 'sent' }).eq('id', id)
    const res = await act(invoiceAction, {
      as: ADMIN,
      path: `/admin/factures-devis/factures/${id}`,
      params: { id },
      form: { intent: 'payment', amount: '10 000', method: 'transfer', reference: 'VIR-001', paid_on: '2026-11-20' },
    })
    expect(res.status).toBe(200)
    expect(res.pending).toHaveLength(1)
    await res.background()
    const { data: receipt } = await serviceClient().from('receipts').select('number').eq('invoice_id', id).single()
    const [mail, ...more] = await mailsTo(c.members[0].email)
    expect(more).toEqual([])
    expect(mail.text).toContain(`votre paiement de ${formatXOF(10000)}`)
    expect(mail.text).toContain(`Votre reçu ${receipt!.number}`)
  })
})

describe('account_deletion_request', () => {
  it('a client’s request reaches the agency’s contact address with the name, company and reason', async () => {
    const c = await company(['Adjoua Départ'])
    const res = await act(parametresAction, {
      as: c.members[0].email,
      path: '/parametres',
      form: { intent: 'suppression', reason: 'Je quitte <l’entreprise>.', confirm: 'on' },
    })
    expect(res.status).toBe(302)
    expect(res.pending).toHaveLength(1)
    await res.background()
    const { data: settings } = await serviceClient().from('settings').select('email').single()
    const mails = (await mailsTo(settings!.email!)).filter((m) => m.subject.includes('Adjoua Départ'))
    expect(mails).toHaveLength(1)
    expect(mails[0].subject).toBe('Demande de suppression de compte — Adjoua Départ')
    expect(mails[0].text).toContain(`Adjoua Départ (${c.members[0].email}, ${c.name}) demande la suppression de son compte.`)
    expect(mails[0].text).toContain('Motif : Je quitte <l’entreprise>.')
    expect(mails[0].html).toContain('Motif : Je quitte &lt;l’entreprise&gt;.')
    expect(mails[0].text).toContain(`${APP}/admin/demandes-suppression`)
  })

  it('without an agency contact address, every admin gets it', async () => {
    const c = await company(['Ama Sans Contact'])
    const admin = serviceClient()
    // The shared settings row keeps its address (other files read it): only this call sees none.
    const noContact = { select: () => ({ maybeSingle: async () => ({ data: { email: null }, error: null }) }) }
    const stub = { from: (table: string) => (table === 'settings' ? noContact : admin.from(table)) }
    const result = await notifyDeletionRequest({ db: stub as unknown as NotifyDb, env: testEnv() }, c.members[0].id, null)
    const { data: admins } = await admin.from('profiles').select('email').eq('role', 'admin')
    expect(result.sent.sort()).toEqual(admins!.map((a) => a.email).sort())
    const mails = (await mailsTo(ADMIN)).filter((m) => m.subject.includes('Ama Sans Contact'))
    expect(mails).toHaveLength(1)
    expect(mails[0].text).toContain('Motif : non précisé')
  })
})

describe('invitation', () => {
  it('sends the editable template with a token_hash link that opens a session for the new member', async () => {
    const c = await company([])
    const email = `${unique('invite')}@workers.test`
    const res = await act((args) => import('~/routes/admin.clients.$id.tsx').then((m) => m.action(args)), {
      as: ADMIN,
      path: `/admin/clients/${c.id}`,
      params: { id: c.id },
      form: { intent: 'invite', email, full_name: 'Aya Nouvelle', role: 'member' },
    })
    expect(res.status).toBe(302)
    const [mail, ...more] = await mailsTo(email)
    expect(more).toEqual([])
    expect(mail.subject).toBe('Votre espace client NOURX vous attend')
    expect(mail.text).toContain('Bonjour Aya,')
    expect(mail.text).toContain(`l'espace client de ${c.name}`)
    const link = /(http:\/\/localhost:5173\/auth\/confirm\?token_hash=[^&\s]+&type=invite)/.exec(mail.text)?.[1]
    expect(link).toBeDefined()

    // What /auth/confirm does with it: verifyOtp on the server opens the invited user's session.
    const url = new URL(link!)
    const anon = (await import('@supabase/supabase-js')).createClient(inject('supabase').url, inject('supabase').anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    })
    const { data, error } = await anon.auth.verifyOtp({ token_hash: url.searchParams.get('token_hash')!, type: 'invite' })
    expect(error).toBeNull()
    expect(data.user?.email).toBe(email)
  })

  it('a failed invitation mail keeps the member and says to resend', async () => {
    const c = await company([])
    const email = `${unique('invite-panne')}@workers.test`
    const s = inject('supabase')
    const auth: InviteAuth = {
      client: (await import('@supabase/supabase-js')).createClient(s.url, s.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } }),
      env: testEnv({ EMAIL_API_URL: DEAD_EMAIL_API }),
    }
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const db = serviceClient()
    try {
      await expect(inviteMember(db, auth, APP, c.id, { email, full_name: 'Panne', role: 'member' } as never)).rejects.toMatchObject({
        code: 'invite_mail_failed',
        status: 502,
      })
    } finally {
      log.mockRestore()
    }
    const { count } = await db.from('client_members').select('user_id', { count: 'exact', head: true }).eq('client_id', c.id)
    expect(count).toBe(1)
    expect(await mailsTo(email)).toEqual([])
  })
})

describe('RGPD: the person is told what became of their deletion request', () => {
  /** A confirmed client account of Baobab that filed a deletion request through its own session. */
  async function personWithRequest() {
    const service = serviceClient()
    const email = `${unique('rgpd-mail')}@example.com`
    const created = await service.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: { full_name: 'Awa Koné' } })
    if (created.error) throw created.error
    const userId = created.data.user.id
    const member = await service.from('client_members').insert({ client_id: '20000000-0000-4000-8000-000000000002', user_id: userId, role: 'member' })
    if (member.error) throw member.error
    const s = inject('supabase')
    const { createClient } = await import('@supabase/supabase-js')
    const own = createClient(s.url, s.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
    const signIn = await own.auth.signInWithPassword({ email, password: PASSWORD })
    if (signIn.error) throw signIn.error
    const filed = await own.from('account_deletion_requests').insert({ reason: 'Je quitte l’entreprise.' }).select('id').single()
    if (filed.error) throw filed.error
    return { email, userId, requestId: filed.data.id as string }
  }

  it('a refusal mails NOURX’s reason to the person', async () => {
    const { email, userId, requestId } = await personWithRequest()
    const run = await act(deletionAction, {
      as: ADMIN,
      path: '/admin/demandes-suppression',
      form: { intent: 'reject', request_id: requestId, note: 'Deux factures restent à régler.' },
    })
    expect(run.status).toBe(302)
    await run.background()
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Votre demande de suppression de compte')
    expect(mails[0]!.text).toContain('Bonjour Awa,')
    expect(mails[0]!.text).toContain('Deux factures restent à régler.')
    expect(mails[0]!.text).toContain(`${APP}/parametres`)
    await serviceClient().from('client_members').delete().eq('user_id', userId)
    await serviceClient().auth.admin.deleteUser(userId)
  })

  it('processing mails the confirmation to the address the person had, before it was erased', async () => {
    const { email, requestId } = await personWithRequest()
    const run = await act(deletionAction, { as: ADMIN, path: '/admin/demandes-suppression', form: { intent: 'process', request_id: requestId } })
    expect(run.status).toBe(302)
    await run.background()
    const mails = await mailsTo(email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toMatch(/^Votre compte .+ a été supprimé$/)
    expect(mails[0]!.text).toContain('Bonjour Awa,')
    expect(mails[0]!.text).toContain('restent conservés')
    // The profile no longer holds that address.
    const { data: profile } = await serviceClient().from('account_deletion_requests').select('profiles!account_deletion_requests_user_id_fkey(email, full_name)').eq('id', requestId).single()
    expect(JSON.stringify(profile)).not.toContain(email)
  })
})
