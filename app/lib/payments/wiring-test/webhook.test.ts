// The CinetPay webhook in the Workers runtime, through the Worker's real fetch
// handler (dispatched before React Router and the CSRF check), against the
// local Supabase and the sandbox.
import { describe, expect, it } from 'vitest'
import {
  ACME_CLIENT_ID,
  adminClient,
  attemptRow,
  countRows,
  createDueInvoice,
  notificationsFor,
  replay,
  sandboxComplete,
  signedFields,
  stack,
  startAttempt,
  testDeps,
  WEBHOOK_URL,
  workerFetch,
} from './helpers.ts'

function post(body: string, headers: Record<string, string>) {
  return new Request(WEBHOOK_URL(), { method: 'POST', headers, body })
}

async function notificationRows(transactionId: string) {
  const { data, error } = await adminClient()
    .from('payment_notifications')
    .select('outcome, token_valid, site_id_valid, raw_body, x_token, payment_attempt_id, content_type')
    .eq('transaction_id', transactionId)
    .order('received_at')
  if (error) throw new Error(error.message)
  return data as Record<string, any>[]
}

describe('GET ping', () => {
  it('answers 200 without touching the database', async () => {
    const fetch = workerFetch(testDeps())
    const res = await fetch(new Request(WEBHOOK_URL()))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('OK')
    const head = await fetch(new Request(WEBHOOK_URL(), { method: 'HEAD' }))
    expect(head.status).toBe(200)
    const put = await fetch(new Request(WEBHOOK_URL(), { method: 'PUT', body: 'x' }))
    expect(put.status).toBe(405)
  })
})

describe('return_url (browser back from CinetPay)', () => {
  it('a cross-site POST with transaction_id → 303 to the return page, nothing written', async () => {
    const invoiceId = '80000000-0000-4000-8000-000000000002'
    const fetch = workerFetch(testDeps())
    const res = await fetch(
      new Request(`${WEBHOOK_URL()}?retour=${invoiceId}&transaction_id=NXQUERY000000000001`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://checkout.cinetpay.com' },
        body: 'transaction_id=NXFORM0000000000001&token=abc',
        redirect: 'manual',
      }),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/factures-devis/${invoiceId}/paiement/retour?transaction_id=NXFORM0000000000001`)
    expect(await countRows('payment_notifications', 'transaction_id', 'NXFORM0000000000001')).toBe(0)
    const get = await fetch(new Request(`${WEBHOOK_URL()}?retour=${invoiceId}&transaction_id=NXQUERY000000000001`, { redirect: 'manual' }))
    expect(get.status).toBe(303)
    expect(get.headers.get('location')).toContain('transaction_id=NXQUERY000000000001')
    const bad = await fetch(new Request(`${WEBHOOK_URL()}?retour=../../admin`, { method: 'POST', redirect: 'manual' }))
    expect(bad.status).toBe(404)
  })
})

describe('refused notifications change nothing but the journal', () => {
  it('forged x-token → 401, raw notification stored, attempt untouched, no check', async () => {
    const invoiceId = await createDueInvoice(5000)
    const { transactionId } = await startAttempt(invoiceId)
    const before = await attemptRow(transactionId)
    const { fields } = await signedFields(transactionId, { cpm_amount: '5000' })
    const forged = await (await import('../x-token.ts')).signXToken('not-the-secret', fields)
    const deps = testDeps()
    // Cross-site, no Origin: the webhook is not subject to the CSRF check.
    const res = await workerFetch(deps)(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': forged }),
    )
    expect(res.status).toBe(401)
    const rows = await notificationRows(transactionId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ outcome: 'rejected_token', token_valid: false, x_token: forged })
    expect(rows[0]!.raw_body).toBe(new URLSearchParams(fields).toString())
    expect(rows[0]!.payment_attempt_id).toBe(before.id)
    const after = await attemptRow(transactionId)
    expect(after.status).toBe('pending')
    expect(after.updated_at).toBe(before.updated_at)
    expect(await countRows('payment_checks', 'payment_attempt_id', before.id)).toBe(0)
    expect(deps.queue.sent).toHaveLength(0)
  })

  it('missing x-token header → 401', async () => {
    const invoiceId = await createDueInvoice(5000)
    const { transactionId } = await startAttempt(invoiceId)
    const { fields } = await signedFields(transactionId)
    const res = await workerFetch(testDeps())(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded' }),
    )
    expect(res.status).toBe(401)
    const rows = await notificationRows(transactionId)
    expect(rows.map((r) => r.outcome)).toEqual(['rejected_token'])
    expect((await attemptRow(transactionId)).status).toBe('pending')
  })

  it('another site id (correctly signed) → 401 rejected_site', async () => {
    const invoiceId = await createDueInvoice(5000)
    const { transactionId } = await startAttempt(invoiceId)
    const { fields, token } = await signedFields(transactionId, { cpm_site_id: '999999' })
    const res = await workerFetch(testDeps())(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token }),
    )
    expect(res.status).toBe(401)
    const rows = await notificationRows(transactionId)
    expect(rows[0]).toMatchObject({ outcome: 'rejected_site', token_valid: true, site_id_valid: false })
    expect((await attemptRow(transactionId)).status).toBe('pending')
  })
})

describe('valid notifications', () => {
  it('accepted: the notification triggers the check, which pays the invoice once (receipt, audit)', async () => {
    const invoiceId = await createDueInvoice(25_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const [notification] = await notificationsFor(transactionId)
    expect(notification).toBeDefined()
    const deps = testDeps()
    const res = await workerFetch(deps)(replay(notification!))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, outcome: 'checked' })

    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('accepted')
    const admin = adminClient()
    const { data: invoice } = await admin.from('invoices').select('status, amount_paid, balance_due').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'paid', amount_paid: 25_000, balance_due: 0 })
    const { data: payments } = await admin.from('payments').select('id, amount, method, receipts(number)').eq('transaction_id', transactionId)
    expect(payments).toHaveLength(1)
    const receipt = (payments as any[])[0].receipts
    expect((Array.isArray(receipt) ? receipt[0] : receipt).number).toMatch(/^REC-\d{4}-\d{5}$/)
    const { data: checks } = await admin.from('payment_checks').select('source, decision, code, api_status, amount').eq('payment_attempt_id', attempt.id)
    expect(checks).toEqual([{ source: 'notification', decision: 'accepted', code: '00', api_status: 'ACCEPTED', amount: '25000' }])
    // Audit trail (20261124001000_audit.sql) records the payment and the invoice change.
    const { data: audit } = await admin
      .from('audit_logs')
      .select('entity, action, actor_role')
      .in('entity_id', [(payments as any[])[0].id, invoiceId, attempt.id])
    const entries = (audit as { entity: string; action: string; actor_role: string }[]).map((a) => `${a.entity}:${a.action}`)
    expect(entries).toEqual(expect.arrayContaining(['payments:insert', 'invoices:update', 'payment_attempts:update']))
    expect(deps.queue.sent).toHaveLength(0)

    // The same notification again (CinetPay sends several): 200, no second payment, no second check.
    const again = await workerFetch(deps)(replay(notification!))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ ok: true, outcome: 'already_final' })
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(1)
    expect(await countRows('payment_checks', 'payment_attempt_id', attempt.id)).toBe(1)
    expect((await notificationRows(transactionId)).map((r) => r.outcome)).toEqual(['checked', 'already_final'])
  })

  it('JSON body with a valid token is accepted like a form post', async () => {
    const invoiceId = await createDueInvoice(10_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const { fields, token } = await signedFields(transactionId, { cpm_amount: '10000' })
    const res = await workerFetch(testDeps())(post(JSON.stringify(fields), { 'content-type': 'application/json', 'x-token': token }))
    expect(res.status).toBe(200)
    expect((await notificationRows(transactionId))[0]).toMatchObject({ content_type: 'application/json', token_valid: true, outcome: 'checked' })
    expect((await attemptRow(transactionId)).status).toBe('accepted')
  })

  it('the amount in the notification is never trusted: the check decides', async () => {
    // A correctly signed notification that claims SUCCES while CinetPay still says "waiting".
    const invoiceId = await createDueInvoice(5_000)
    const { transactionId } = await startAttempt(invoiceId)
    const { fields, token } = await signedFields(transactionId, { cpm_amount: '5000', cpm_error_message: 'SUCCES' })
    const deps = testDeps()
    const res = await workerFetch(deps)(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token }),
    )
    expect(res.status).toBe(200)
    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('waiting')
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(0)
    // A delayed re-check was queued, 30 s later, first of its chain.
    expect(deps.queue.sent).toEqual([
      { message: { type: 'payment-check', transactionId, attempt: 1, reason: 'waiting' }, delaySeconds: 30 },
    ])
    expect(attempt.next_check_at).not.toBeNull()
    // A duplicate of the waiting notification does not start a second chain.
    const dup = await workerFetch(deps)(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token }),
    )
    expect(dup.status).toBe(200)
    expect(deps.queue.sent).toHaveLength(1)
  })

  it('refused: the attempt fails with a French reason; the invoice stays due', async () => {
    const invoiceId = await createDueInvoice(5_000)
    const { transactionId } = await startAttempt(invoiceId)
    await sandboxComplete(transactionId, { outcome: 'refused' })
    const [n] = await notificationsFor(transactionId)
    const res = await workerFetch(testDeps())(replay(n!))
    expect(res.status).toBe(200)
    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('refused')
    expect(attempt.failure_reason).toMatch(/n’a pas abouti|réessayer/)
    const { data: invoice } = await adminClient().from('invoices').select('status, balance_due').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'sent', balance_due: 5_000 })
  })

  it('ACCEPTED with another amount → flagged for the admin, invoice not paid, no payment', async () => {
    // The attempt asks 8 000; CinetPay (sandbox) was initialised with 800 for the same transaction id.
    const invoiceId = await createDueInvoice(8_000)
    const admin = adminClient()
    const transactionId = `NXMISMATCH${Date.now().toString(36).toUpperCase()}`
    const { error } = await admin.from('payment_attempts').insert({ invoice_id: invoiceId, client_id: ACME_CLIENT_ID, transaction_id: transactionId, amount: 8_000 })
    expect(error).toBeNull()
    const s = stack()
    const init = await fetch(`${s.sandboxUrl}/v2/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'wiring-test' },
      body: JSON.stringify({
        apikey: s.apiKey, site_id: s.siteId, transaction_id: transactionId, amount: 800, currency: 'XOF', description: 'Mismatch',
        notify_url: `${s.receiverUrl}/api/webhooks/cinetpay`, return_url: `${s.receiverUrl}/`, channels: 'MOBILE_MONEY',
      }),
    })
    expect(init.status).toBe(200)
    await sandboxComplete(transactionId, { outcome: 'accepted' })
    const [n] = await notificationsFor(transactionId)
    const res = await workerFetch(testDeps())(replay(n!))
    expect(res.status).toBe(200)
    const attempt = await attemptRow(transactionId)
    expect(attempt.status).toBe('flagged')
    expect(attempt.failure_reason).toMatch(/Montant confirmé/)
    expect(await countRows('payments', 'transaction_id', transactionId)).toBe(0)
    const { data: invoice } = await admin.from('invoices').select('status, balance_due').eq('id', invoiceId).single()
    expect(invoice).toEqual({ status: 'sent', balance_due: 8_000 })
    const { data: checks } = await admin.from('payment_checks').select('decision, amount').eq('payment_attempt_id', attempt.id)
    expect(checks).toEqual([{ decision: 'flagged', amount: '800' }])
  })

  it('unknown transaction → 200 (nothing to do), journaled as unknown_transaction', async () => {
    const { fields, token } = await signedFields('NXUNKNOWN0000000001')
    const res = await workerFetch(testDeps())(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token }),
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, outcome: 'unknown_transaction' })
    const rows = await notificationRows('NXUNKNOWN0000000001')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ outcome: 'unknown_transaction', payment_attempt_id: null })
  })

  it('database unreachable → 503 so that CinetPay sends again', async () => {
    const { fields, token } = await signedFields('NXDBDOWN00000000001')
    const { createClient } = await import('@supabase/supabase-js')
    const broken = createClient('http://127.0.0.1:9', 'x', { auth: { persistSession: false } }) as any
    const res = await workerFetch(testDeps({ admin: broken }))(
      post(new URLSearchParams(fields).toString(), { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token }),
    )
    expect(res.status).toBe(503)
  })
})
