// Fault switches and the control API, over HTTP and programmatically.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { CinetPaySandbox } from '../src/server.ts'
import { CREDENTIALS, UA, check, createPayment, postJson, startReceiver, startSandbox } from './helpers.ts'

let sandbox: CinetPaySandbox
let receiver: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  sandbox = await startSandbox()
  receiver = await startReceiver()
})
afterAll(async () => {
  await sandbox.stop()
  await receiver.close()
})
beforeEach(() => {
  sandbox.reset()
  receiver.received.length = 0
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const setFaults = (body: unknown) => postJson(`${sandbox.url}/__sandbox/faults`, body)
const DEFAULTS = { checkStatus500: false, checkTimeoutMs: 0, dropNotifications: false, duplicateNotifications: 0, notificationDelayMs: 0 }

describe('POST /__sandbox/faults', () => {
  it('merges switches and returns the current faults', async () => {
    expect((await fetch(`${sandbox.url}/__sandbox/faults`).then((r) => r.json()))).toEqual(DEFAULTS)
    const a = await setFaults({ checkStatus500: true })
    expect(a.status).toBe(200)
    expect(a.json).toEqual({ ...DEFAULTS, checkStatus500: true })
    const b = await setFaults({ duplicateNotifications: 3 })
    expect(b.json).toEqual({ ...DEFAULTS, checkStatus500: true, duplicateNotifications: 3 })
    expect(sandbox.faults()).toEqual(b.json)
  })

  it('rejects unknown switches and invalid values', async () => {
    for (const body of [{ checkStatus501: true }, { checkTimeoutMs: -1 }, { duplicateNotifications: 1.5 }, { dropNotifications: 'yes' }, 'nope']) {
      const res = await setFaults(body)
      expect(res.status).toBe(400)
      expect(res.json.error).toBe('Fautes invalides')
    }
    expect(sandbox.faults()).toEqual(DEFAULTS)
  })

  it('the programmatic setFault validates too', () => {
    expect(() => sandbox.setFault({ checkTimeoutMs: -5 })).toThrow()
    expect(sandbox.setFault({ notificationDelayMs: 10 })).toEqual({ ...DEFAULTS, notificationDelayMs: 10 })
  })
})

describe('check faults', () => {
  it('checkStatus500: check answers HTTP 500 with an HTML body, then recovers', async () => {
    const p = await createPayment(sandbox, receiver)
    await setFaults({ checkStatus500: true })
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.json).toBeUndefined()
    expect(sandbox.transaction(p.transactionId)!.checks).toHaveLength(0)
    // Init is unaffected.
    await createPayment(sandbox, receiver)
    await setFaults({ checkStatus500: false })
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.code).toBe('662')
  })

  it('checkTimeoutMs: check holds its answer, so a client with a shorter timeout gives up', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.setFault({ checkTimeoutMs: 800 })
    const body = JSON.stringify({ apikey: CREDENTIALS.apiKey, site_id: CREDENTIALS.siteId, transaction_id: p.transactionId })
    const headers = { 'content-type': 'application/json', ...UA }
    const aborted = await fetch(`${sandbox.url}/v2/payment/check`, { method: 'POST', headers, body, signal: AbortSignal.timeout(200) }).catch((e) => e)
    expect(aborted).toBeInstanceOf(Error)
    expect((aborted as Error).name).toBe('TimeoutError')

    const started = Date.now()
    const patient = await fetch(`${sandbox.url}/v2/payment/check`, { method: 'POST', headers, body })
    expect(Date.now() - started).toBeGreaterThanOrEqual(780)
    expect((await patient.json()).code).toBe('662')

    sandbox.setFault({ checkTimeoutMs: 0 })
    const fast = Date.now()
    await check(sandbox, { transaction_id: p.transactionId })
    expect(Date.now() - fast).toBeLessThan(500)
  })

  it('both at once: the answer is late, then 500', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.setFault({ checkTimeoutMs: 300, checkStatus500: true })
    const started = Date.now()
    const res = await check(sandbox, { transaction_id: p.transactionId })
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    expect(res.status).toBe(500)
  })
})

describe('notification faults', () => {
  it('dropNotifications: nothing reaches notify_url, the loss is logged, the state is still final', async () => {
    await setFaults({ dropNotifications: true })
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'accepted' })
    await sandbox.idle()
    await sleep(100)
    expect(receiver.received).toHaveLength(0)
    expect(sandbox.transaction(p.transactionId)!.notifications).toMatchObject([{ kind: 'final', dropped: true, status: null }])
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.code).toBe('00')
  })

  it('dropNotifications flipped during a wait drops only the final notification', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.3 })
    await receiver.waitFor(1)
    sandbox.setFault({ dropNotifications: true })
    await sandbox.idle()
    expect(receiver.received.map((r) => r.form.cpm_error_message)).toEqual(['WAITING_CUSTOMER_TO_VALIDATE'])
    expect(sandbox.notifications().map((n) => [n.kind, n.dropped])).toEqual([
      ['waiting', false],
      ['final', true],
    ])
  })

  it('logs what notify_url answered, including errors and unreachable URLs', async () => {
    const failing = await startReceiver(() => 500)
    try {
      const p = await createPayment(sandbox, failing)
      sandbox.complete(p.transactionId, { outcome: 'accepted' })
      await sandbox.idle()
      expect(sandbox.transaction(p.transactionId)!.notifications).toMatchObject([{ status: 500, dropped: false, url: failing.notifyUrl }])
    } finally {
      await failing.close()
    }
    const gone = await startReceiver()
    const urls = { notifyUrl: gone.notifyUrl, returnUrl: gone.returnUrl }
    await gone.close()
    const p = await createPayment(sandbox, urls)
    sandbox.complete(p.transactionId, { outcome: 'accepted' })
    await sandbox.idle()
    const [entry] = sandbox.transaction(p.transactionId)!.notifications
    expect(entry.status).toBeNull()
    expect(entry.error).toMatch(/fetch failed|ECONNREFUSED/)
  })

  it('gives up on a notify_url that does not answer in time', async () => {
    const slow = await startSandbox({ notificationTimeoutMs: 200 })
    const stuck = await startReceiver(() => new Promise((r) => setTimeout(() => r(200), 1500)))
    try {
      const p = await createPayment(slow, stuck)
      slow.complete(p.transactionId, { outcome: 'accepted' })
      await slow.idle()
      const [entry] = slow.transaction(p.transactionId)!.notifications
      expect(entry).toMatchObject({ status: null })
      expect(entry.durationMs).toBeLessThan(1000)
      expect(entry.error).toMatch(/200 ms/)
    } finally {
      await slow.stop()
      await stuck.close()
    }
  })
})

describe('control API', () => {
  it('GET /__sandbox/transactions lists snapshots with the current check answer', async () => {
    const p = await createPayment(sandbox, receiver)
    const list = await fetch(`${sandbox.url}/__sandbox/transactions`).then((r) => r.json())
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      transactionId: p.transactionId,
      token: p.token,
      paymentUrl: p.paymentUrl,
      amount: 12500,
      phase: 'CREATED',
      outcome: null,
      check: { code: '662', data: { status: 'WAITING_FOR_CUSTOMER' } },
      notifications: [],
    })
    expect(sandbox.transactions()).toEqual([expect.objectContaining({ transactionId: p.transactionId })])
    const one = await fetch(`${sandbox.url}/__sandbox/transactions/${p.transactionId}`).then((r) => r.json())
    expect(one.transactionId).toBe(p.transactionId)
    expect((await fetch(`${sandbox.url}/__sandbox/transactions/NOPE`)).status).toBe(404)
  })

  it('complete: 404 unknown, 400 invalid, 409 twice', async () => {
    const p = await createPayment(sandbox, receiver)
    const url = (id: string) => `${sandbox.url}/__sandbox/transactions/${id}/complete`
    expect((await postJson(url('NOPE'), { outcome: 'accepted' })).status).toBe(404)
    for (const body of [{}, { outcome: 'paid' }, { outcome: 'accepted', operator: 'ORANGE' }, { outcome: 'accepted', delaySeconds: -1 }, { outcome: 'accepted', extra: 1 }]) {
      expect((await postJson(url(p.transactionId), body)).status).toBe(400)
    }
    const ok = await postJson(url(p.transactionId), { outcome: 'accepted', operator: 'MOOV', phone: '0101020304' })
    expect(ok.status).toBe(200)
    expect(ok.json).toMatchObject({ phase: 'ACCEPTED', operator: 'MOOV', paymentMethod: 'FLOOZ', check: { code: '00' } })
    const again = await postJson(url(p.transactionId), { outcome: 'refused' })
    expect(again.status).toBe(409)
    expect(again.json.error).toMatch(/déjà traitée/)
    expect(() => sandbox.complete(p.transactionId, { outcome: 'refused' })).toThrow(/déjà traitée/)
    await sandbox.idle()
    expect(receiver.received.map((r) => r.form.cel_phone_num)).toEqual(['0101020304'])
  })

  it('POST /__sandbox/reset forgets transactions and faults and cancels pending notifications', async () => {
    sandbox.setFault({ checkStatus500: true })
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 0.4 })
    await receiver.waitFor(1)
    const res = await postJson(`${sandbox.url}/__sandbox/reset`, {})
    expect(res.json).toEqual({ ok: true })
    expect(sandbox.faults()).toEqual(DEFAULTS)
    expect(sandbox.transactions()).toEqual([])
    expect(sandbox.notifications()).toEqual([])
    await sleep(700)
    expect(receiver.received).toHaveLength(1)
    expect((await check(sandbox, { transaction_id: p.transactionId })).json.code).toBe('627')
  })

  it('GET /__sandbox/notifications returns the log in order', async () => {
    const p = await createPayment(sandbox, receiver)
    sandbox.complete(p.transactionId, { outcome: 'accepted', duplicates: 1 })
    await sandbox.idle()
    const log = await fetch(`${sandbox.url}/__sandbox/notifications`).then((r) => r.json())
    expect(log).toHaveLength(2)
    expect(log[0]).toMatchObject({ transactionId: p.transactionId, url: receiver.notifyUrl, status: 200, kind: 'final' })
    expect(log[0].xToken).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('stop()', () => {
  it('stops promptly even with a held check and a pending notification', async () => {
    const s = await startSandbox()
    const p = await createPayment(s, receiver)
    s.complete(p.transactionId, { outcome: 'waiting_then_accepted', delaySeconds: 30 })
    s.setFault({ checkTimeoutMs: 30_000 })
    const held = fetch(`${s.url}/v2/payment/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...UA },
      body: JSON.stringify({ apikey: CREDENTIALS.apiKey, site_id: CREDENTIALS.siteId, transaction_id: p.transactionId }),
    }).catch((e) => e)
    await sleep(100)
    const started = Date.now()
    await s.stop()
    expect(Date.now() - started).toBeLessThan(1000)
    await held
    await s.idle()
    expect((await fetch(`${s.url}/`).catch((e) => e)) instanceof Error).toBe(true)
  })
})
