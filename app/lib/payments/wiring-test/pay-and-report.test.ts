// The pay action's rules, the return-page status, and "J'ai payé mais…",
// against the local Supabase (RLS as the real users) and the sandbox.
import { describe, expect, it } from 'vitest'
import { pollPaymentStatus, readPaymentStatus } from '../payment-status.server.ts'
import { reportPaid } from '../report-paid.server.ts'
import { startPayment } from '../start-payment.server.ts'
import {
  ACME_USER,
  adminClient,
  attemptRow,
  BAOBAB_USER,
  countRows,
  createDueInvoice,
  sandboxComplete,
  stack,
  startAttempt,
  testDeps,
  userClient,
} from './helpers.ts'

describe('POST /api/invoices/:id/pay (startPayment)', () => {
  it('a member gets a CinetPay payment URL; the attempt stores token, URL and the channels from the settings', async () => {
    const invoiceId = await createDueInvoice(12_500)
    const { client, user } = await userClient(ACME_USER)
    const r = await startPayment(testDeps(), { supabase: client, user, invoiceId, appUrl: 'https://portail.nourx.test' })
    if (!r.ok) throw new Error(r.message)
    expect(r.transactionId).toMatch(/^NX[0-9A-Z]{19}$/)
    expect(r.paymentUrl).toMatch(new RegExp(`^${stack().sandboxUrl}/checkout/`))
    const a = await attemptRow(r.transactionId)
    expect(a).toMatchObject({ status: 'pending', amount: 12_500, currency: 'XOF', initiated_by: user.id, payment_url: r.paymentUrl })
    expect(a.payment_token).toBeTruthy()
    expect(a.channels.split(',')).toEqual(expect.arrayContaining(['MOBILE_MONEY', 'WALLET']))
    // What CinetPay was told: notify_url and return_url (through the pre-React Router path), base64 metadata.
    const tx = (await (await fetch(`${stack().sandboxUrl}/__sandbox/transactions/${r.transactionId}`)).json()) as Record<string, string>
    expect(tx.notifyUrl).toBe('https://portail.nourx.test/api/webhooks/cinetpay')
    expect(tx.returnUrl).toBe(`https://portail.nourx.test/api/webhooks/cinetpay?retour=${invoiceId}&transaction_id=${r.transactionId}`)
    expect(tx.metadata).not.toMatch(/[{}"]/)
  })

  it('another company’s member gets 404, and no attempt is created', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { client, user } = await userClient(BAOBAB_USER)
    const r = await startPayment(testDeps(), { supabase: client, user, invoiceId, appUrl: 'https://portail.nourx.test' })
    expect(r).toMatchObject({ ok: false, status: 404 })
    expect(await countRows('payment_attempts', 'invoice_id', invoiceId)).toBe(0)
  })

  it('CinetPay amount rules: 1 183 F CFA is explained in French, never rounded, no attempt', async () => {
    const invoiceId = await createDueInvoice(1_183)
    const { client, user } = await userClient(ACME_USER)
    const r = await startPayment(testDeps(), { supabase: client, user, invoiceId, appUrl: 'https://portail.nourx.test' })
    expect(r).toMatchObject({ ok: false, status: 422 })
    expect(!r.ok && r.message).toMatch(/multiples de 5 F CFA.*virement/s)
    expect(await countRows('payment_attempts', 'invoice_id', invoiceId)).toBe(0)
    const small = await createDueInvoice(95)
    const r2 = await startPayment(testDeps(), { supabase: client, user, invoiceId: small, appUrl: 'https://portail.nourx.test' })
    expect(!r2.ok && r2.message).toMatch(/à partir de 100/)
  })

  it('a paid invoice cannot be paid again', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const { client, user } = await userClient(ACME_USER)
    await pollPaymentStatus(client, testDeps(), transactionId)
    const r = await startPayment(testDeps(), { supabase: client, user, invoiceId, appUrl: 'https://portail.nourx.test' })
    expect(r).toMatchObject({ ok: false, status: 409, message: 'Cette facture est déjà payée.' })
  })

  it('a CinetPay refusal at init (wrong apikey → 609) closes the attempt as failed with a French message; nothing charged', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { client, user } = await userClient(ACME_USER)
    const deps = testDeps()
    deps.cinetpay = { ...deps.cinetpay, apiKey: 'wrong-key' }
    const r = await startPayment(deps, { supabase: client, user, invoiceId, appUrl: 'https://portail.nourx.test' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.message).toMatch(/indisponible|Réessayez|Contactez NOURX/)
    const a = await attemptRow(r.transactionId!)
    expect(a).toMatchObject({ status: 'failed', last_code: '609' })
    expect(a.failure_reason).toBe(r.message)
  })
})

describe('return page status (never the return itself)', () => {
  it('reads the attempt as the client (RLS), asks CinetPay when stale, and reports paid with the receipt', async () => {
    const invoiceId = await createDueInvoice(7_500)
    const { transactionId } = await startAttempt(invoiceId)
    const { client } = await userClient(ACME_USER)
    const deps = testDeps()
    const before = await pollPaymentStatus(client, deps, transactionId)
    expect(before).toMatchObject({ phase: 'pending', attemptStatus: 'waiting', message: expect.stringMatching(/opérateur/) })
    // A second poll right away does not ask CinetPay again (at most every few seconds).
    await pollPaymentStatus(client, deps, transactionId)
    const { id } = await attemptRow(transactionId)
    expect(await countRows('payment_checks', 'payment_attempt_id', id)).toBe(1)

    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const after = await pollPaymentStatus(client, deps, transactionId, { now: new Date(Date.now() + 10_000) })
    expect(after).toMatchObject({ phase: 'paid', invoiceStatus: 'paid', balanceDue: 0 })
    expect(after?.receipt?.number).toMatch(/^REC-/)

    // Another company sees nothing.
    const baobab = await userClient(BAOBAB_USER)
    expect(await readPaymentStatus(baobab.client, transactionId)).toBeNull()
  })
})

describe("« J'ai payé mais ma facture n'est pas à jour »", () => {
  it('opens one "Paiement" ticket linked to the transaction, re-checks at once, and reuses the open ticket', async () => {
    const invoiceId = await createDueInvoice(9_000)
    const { transactionId } = await startAttempt(invoiceId)
    const { client, user } = await userClient(ACME_USER)
    const deps = testDeps()
    // The client was debited but the notification never arrived: CinetPay says accepted.
    await fetch(`${stack().sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dropNotifications: true }),
    })
    try {
      await sandboxComplete(transactionId, { outcome: 'accepted' })
    } finally {
      await fetch(`${stack().sandboxUrl}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dropNotifications: false }),
      })
    }
    const r = await reportPaid(deps, { supabase: client, user, transactionId, note: 'Débité à 10 h 02 sur Orange Money.' })
    if (!r.ok) throw new Error(r.message)
    expect(r).toMatchObject({ reused: false, statusAfter: 'accepted', checked: true })
    const admin = adminClient()
    const { data: ticket } = await admin.from('tickets').select('category, priority, payment_attempt_id, created_by, subject').eq('id', r.ticketId).single()
    const attempt = await attemptRow(transactionId)
    expect(ticket).toMatchObject({ category: 'payment', priority: 'high', payment_attempt_id: attempt.id, created_by: user.id })
    const { data: messages } = await admin.from('ticket_messages').select('body').eq('ticket_id', r.ticketId)
    expect((messages as { body: string }[])[0]!.body).toContain(transactionId)
    const { data: checks } = await admin.from('payment_checks').select('source, decision').eq('payment_attempt_id', attempt.id)
    expect(checks).toEqual([{ source: 'ticket', decision: 'accepted' }])

    // Now accepted: a second click is refused politely, no new ticket.
    const again = await reportPaid(deps, { supabase: client, user, transactionId })
    expect(again).toMatchObject({ ok: false, status: 409 })
  })

  it('on a refused attempt: ticket opened, re-check journaled, reused on a second click; other companies get 404', async () => {
    const invoiceId = await createDueInvoice(9_500)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'refused' })
    const { client, user } = await userClient(ACME_USER)
    const deps = testDeps()
    await pollPaymentStatus(client, deps, transactionId)
    expect((await attemptRow(transactionId)).status).toBe('refused')
    const first = await reportPaid(deps, { supabase: client, user, transactionId })
    const second = await reportPaid(deps, { supabase: client, user, transactionId })
    if (!first.ok || !second.ok) throw new Error('reportPaid refusé')
    expect(second).toMatchObject({ reused: true, ticketId: first.ticketId, statusAfter: 'refused' })
    const baobab = await userClient(BAOBAB_USER)
    expect(await reportPaid(deps, { supabase: baobab.client, user: baobab.user, transactionId })).toMatchObject({ ok: false, status: 404 })
  })
})
