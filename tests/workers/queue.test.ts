import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { backoffSeconds, createQueueHandler, QueueMessage, type JobContext, type JobOutcome } from '../../workers/queue.ts'

// The router is tested with its own message type, so these tests do not
// depend on what the real jobs (payment-check, issue 7) accept.
const TestMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('test-job'), transactionId: z.string().min(1) }),
  z.object({ type: z.literal('other-job') }),
])
type TestMessage = z.infer<typeof TestMessage>
type TestHandlers = { [K in TestMessage['type']]: (m: Extract<TestMessage, { type: K }>, ctx: JobContext) => Promise<JobOutcome> }
const router = (handlers: TestHandlers) => createQueueHandler(handlers, TestMessage)
const noop: TestHandlers['other-job'] = async () => ({ outcome: 'ack' })

const bindings = env as unknown as Env
const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date(), attempts, body })

/**
 * Runs a batch and returns getQueueResult() plus the delay asked for each
 * retry (the test pool records that a message was retried, not its delay).
 */
async function run(handler: ReturnType<typeof createQueueHandler>, messages: ReturnType<typeof message>[], overrides: Partial<Env> = {}) {
  const batch = createMessageBatch('payment-check', messages)
  const delays: Record<string, number | undefined> = {}
  for (const m of batch.messages) {
    const retry = m.retry.bind(m)
    m.retry = (options) => {
      delays[m.id] = options?.delaySeconds
      retry(options)
    }
  }
  const ctx = createExecutionContext()
  await handler(batch, { ...bindings, ...overrides } as Env, ctx)
  return { ...(await getQueueResult(batch, ctx)), delays }
}

describe('queue router', () => {
  it('acks and retries each message on its own', async () => {
    const handlers: TestHandlers = {
      'test-job': async (m) => {
        if (m.transactionId === 'OK') return { outcome: 'ack' }
        if (m.transactionId === 'WAIT') return { outcome: 'retry', delaySeconds: 30 }
        throw new Error('check API down')
      },
      'other-job': noop,
    }
    const result = await run(router(handlers), [
      message('m1', { type: 'test-job', transactionId: 'OK' }),
      message('m2', { type: 'test-job', transactionId: 'WAIT' }),
      message('m3', { type: 'test-job', transactionId: 'FAIL' }, 3),
    ])
    expect(result.ackAll).toBe(false)
    expect(result.retryBatch.retry).toBe(false)
    expect(result.explicitAcks).toEqual(['m1'])
    expect(result.retryMessages).toEqual([{ msgId: 'm2' }, { msgId: 'm3' }])
    expect(result.delays).toEqual({ m2: 30, m3: backoffSeconds(3) })
  })

  it('drops (acks) malformed messages, which no retry could fix', async () => {
    let called = 0
    const handlers: TestHandlers = { 'test-job': async () => (called++, { outcome: 'ack' }), 'other-job': noop }
    const result = await run(router(handlers), [
      message('bad-type', { type: 'send-email', to: 'x' }),
      message('no-id', { type: 'test-job' }),
      message('not-json-object', 'test-job'),
    ])
    expect(called).toBe(0)
    expect(result.explicitAcks.sort()).toEqual(['bad-type', 'no-id', 'not-json-object'])
    expect(result.retryMessages).toEqual([])
  })

  it('hands the validated env and the attempt number to the job', async () => {
    let seen: { attempts: number; appUrl: string } | undefined
    const handlers: TestHandlers = {
      'test-job': async (_m, ctx) => {
        seen = { attempts: ctx.attempts, appUrl: ctx.env.APP_URL }
        return { outcome: 'ack' }
      },
      'other-job': noop,
    }
    await run(router(handlers), [message('m', { type: 'test-job', transactionId: 'T1' }, 4)])
    expect(seen).toEqual({ attempts: 4, appUrl: 'http://localhost:5173' })
  })

  it('retries the whole batch when the configuration is broken: nothing is lost', async () => {
    let called = 0
    const result = await run(
      router({ 'test-job': async () => (called++, { outcome: 'ack' }), 'other-job': noop }),
      [message('m', { type: 'test-job', transactionId: 'T1' })],
      { SUPABASE_SERVICE_ROLE_KEY: '' } as Partial<Env>,
    )
    expect(result.retryBatch.retry).toBe(true)
    expect(result.explicitAcks).toEqual([])
    expect(called).toBe(0)
  })

  it('routes by type: each message reaches its own job', async () => {
    const seen: string[] = []
    await run(
      router({
        'test-job': async (m) => (seen.push(`test-job:${m.transactionId}`), { outcome: 'ack' }),
        'other-job': async () => (seen.push('other-job'), { outcome: 'ack' }),
      }),
      [message('a', { type: 'other-job' }), message('b', { type: 'test-job', transactionId: 'Z' })],
    )
    expect(seen.sort()).toEqual(['other-job', 'test-job:Z'])
  })

  it('knows the Worker’s real message types', () => {
    expect(QueueMessage.safeParse({ type: 'unknown' }).success).toBe(false)
  })

  it('backs off exponentially, capped at one hour', () => {
    expect([1, 2, 3, 4, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 240, 3600, 3600])
  })
})
