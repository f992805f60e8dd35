// The `queue` handler: one router for every message type this Worker
// consumes. Messages are a zod discriminated union on `type`; each message is
// acked or retried on its own, so one failure never replays its neighbours.
//
// - valid message, handler returns { outcome: 'ack' }      → ack()
// - valid message, handler returns { outcome: 'retry' }    → retry({ delaySeconds })
// - handler throws                                          → retry with backoff on `attempts`
// - malformed message (fails the schema)                    → logged with its body, then ack():
//   retrying cannot fix it, and it would only clog the queue until the DLQ.
// - broken configuration (env invalid)                      → retry everything: nothing is lost.
import { z } from 'zod'
import { parseEnv, type AppEnv } from '../app/lib/env.server.ts'
import { PaymentCheckMessage, runPaymentCheck } from './jobs/payment-check.ts'

export const QueueMessage = z.discriminatedUnion('type', [PaymentCheckMessage])
export type QueueMessage = z.infer<typeof QueueMessage>

export type JobOutcome = { outcome: 'ack' } | { outcome: 'retry'; delaySeconds?: number }

export interface JobContext {
  env: AppEnv
  bindings: Env
  executionContext: ExecutionContext
  /** Delivery attempt of this message, starting at 1. */
  attempts: number
  messageId: string
}

export type JobHandlers = {
  [K in QueueMessage['type']]: (message: Extract<QueueMessage, { type: K }>, ctx: JobContext) => Promise<JobOutcome>
}

export const defaultHandlers: JobHandlers = {
  'payment-check': runPaymentCheck,
}

type AnyHandlers = Record<string, (message: never, ctx: JobContext) => Promise<JobOutcome>>

/** 30 s, 60 s, 120 s … capped at one hour: the delay after a thrown error. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1))
}

/**
 * The consumer. `schema` and `handlers` default to this Worker's jobs; tests
 * pass their own to exercise the routing rules without a real job.
 */
export function createQueueHandler<M extends { type: string }>(
  handlers: JobHandlers | AnyHandlers = defaultHandlers,
  schema: z.ZodType<M> = QueueMessage as unknown as z.ZodType<M>,
) {
  return async function queue(batch: MessageBatch<unknown>, bindings: Env, executionContext: ExecutionContext) {
    const parsedEnv = parseEnv(bindings as unknown as Record<string, unknown>)
    if (!parsedEnv.ok) {
      console.error(
        `[queue:${batch.queue}] configuration invalide, lot re-tenté : ${parsedEnv.problems.map((p) => p.variable).join(', ')}`,
      )
      batch.retryAll({ delaySeconds: 300 })
      return
    }
    await Promise.all(
      batch.messages.map(async (message) => {
        const parsed = schema.safeParse(message.body)
        if (!parsed.success) {
          console.error(
            `[queue:${batch.queue}] message ${message.id} invalide, abandonné : ${z.prettifyError(parsed.error)} — corps : ${safeJson(message.body)}`,
          )
          message.ack()
          return
        }
        const ctx: JobContext = {
          env: parsedEnv.env,
          bindings,
          executionContext,
          attempts: message.attempts,
          messageId: message.id,
        }
        try {
          const handler = (handlers as Record<string, (m: M, c: JobContext) => Promise<JobOutcome>>)[parsed.data.type]
          if (!handler) throw new Error(`aucun traitement pour « ${parsed.data.type} »`)
          const result = await handler(parsed.data, ctx)
          if (result.outcome === 'ack') message.ack()
          else message.retry(result.delaySeconds !== undefined ? { delaySeconds: result.delaySeconds } : undefined)
        } catch (error) {
          const delaySeconds = backoffSeconds(message.attempts)
          console.error(
            `[queue:${batch.queue}] ${parsed.data.type} ${message.id} a échoué (tentative ${message.attempts}), nouvel essai dans ${delaySeconds} s :`,
            error,
          )
          message.retry({ delaySeconds })
        }
      }),
    )
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 1000) ?? String(value)
  } catch {
    return String(value)
  }
}
