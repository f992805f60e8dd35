// Runs notifications after the response: the user's write has succeeded, the
// mail goes out through the Worker's `ctx.waitUntil`, and nothing it does can
// fail or slow the action (errors are swallowed here, logged once, and sent
// to Sentry when it is on).
//
// Route actions call `notifyAfter(context, event)` right after their write;
// the payment settlement gets a `PaymentNotifier` through its deps
// (app/lib/payments/deps.server.ts).
import { captureException } from '@sentry/cloudflare'
import { getRequestContext, getSupabase } from '../context.server.ts'
import type { RouterContextProvider } from 'react-router'
import type { AppEnv } from '../env.server.ts'
import {
  notifyDocumentAdded,
  notifyDocumentSent,
  notifyMilestoneDelivered,
  notifyPaymentReceived,
  notifyTaskComment,
  notifyTicketReply,
  type NotifyDb,
  type NotifyDeps,
  type NotifyResult,
} from './notify.server.ts'

type WaitUntil = Pick<ExecutionContext, 'waitUntil'>

/** Awaits `task`, never rejects; a thrown error becomes one log line and a Sentry event. */
export async function safely(label: string, task: () => Promise<NotifyResult | void>): Promise<NotifyResult | null> {
  try {
    const result = await task()
    if (result && result.failed.length) {
      console.warn(`[notifications] ${label} : ${result.sent.length} envoyé(s), ${result.failed.length} en échec`)
    }
    return result ?? null
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`[notifications] ${label} : abandon — ${message}`)
    try {
      captureException(error)
    } catch {
      // Reporting must not fail either.
    }
    return null
  }
}

/** Hands the task to the runtime after the response; the caller does not wait. */
export function inBackground(executionContext: WaitUntil, label: string, task: () => Promise<NotifyResult | void>): void {
  executionContext.waitUntil(safely(label, task))
}

/** Events a route action reports right after its write succeeded. */
export type AfterWrite =
  /** draft → sent of an invoice or a quote: invoice_sent / quote_sent. */
  | { type: 'document_sent'; kind: 'facture' | 'devis'; id: string }
  /** A message the admin added to a ticket; internal notes are ignored: ticket_reply. */
  | { type: 'ticket_reply'; ticketId: string; messageId: string }
  /** A milestone the admin saved; mails only when this save delivered it: milestone_delivered. */
  | { type: 'milestone_saved'; milestoneId: string }
  /** A transfer or cash payment the admin recorded (record_manual_payment): payment_received with its receipt. */
  | { type: 'payment_recorded'; paymentId: string }
  /** A file the admin attached to a task (mails only when the task, hence the file, is client-visible): document_added. */
  | { type: 'document_added'; documentId: string }
  /** A comment the admin wrote on a task (internal notes and internal tasks are ignored): task_comment. */
  | { type: 'task_comment'; commentId: string }

/**
 * The one call the admin actions make. Uses the admin's own client (RLS lets
 * the admin read templates, members and their preferences) and the Worker's
 * execution context from the request context.
 */
export function notifyAfter(context: Pick<RouterContextProvider, 'get'>, event: AfterWrite): void {
  const { env, executionContext } = getRequestContext(context)
  const deps: NotifyDeps = { db: getSupabase(context) as NotifyDb, env }
  inBackground(executionContext, event.type, () => {
    switch (event.type) {
      case 'document_sent':
        return notifyDocumentSent(deps, event.kind, event.id)
      case 'ticket_reply':
        return notifyTicketReply(deps, event.ticketId, event.messageId)
      case 'milestone_saved':
        return notifyMilestoneDelivered(deps, event.milestoneId)
      case 'payment_recorded':
        return notifyPaymentReceived(deps, event.paymentId)
      case 'document_added':
        return notifyDocumentAdded(deps, event.documentId)
      case 'task_comment':
        return notifyTaskComment(deps, event.commentId)
    }
  })
}

/** What the payment settlement (app/lib/payments/run-check.server.ts) calls once a payment is accepted. */
export interface PaymentNotifier {
  paymentReceived(paymentId: string): Promise<void>
}

/**
 * With an execution context (webhook, queue, routes) the mail leaves after the
 * response; without one it is awaited inline, bounded by the e-mail timeout
 * and never throwing, so a path that forgot the context still sends it.
 */
export function paymentNotifier(
  db: NotifyDb,
  env: Pick<AppEnv, 'APP_URL' | 'EMAIL_API_URL' | 'EMAIL_API_KEY' | 'EMAIL_FROM'>,
  executionContext?: WaitUntil | null,
): PaymentNotifier {
  const deps: NotifyDeps = { db, env }
  return {
    async paymentReceived(paymentId) {
      const task = () => notifyPaymentReceived(deps, paymentId)
      if (executionContext) inBackground(executionContext, 'payment_received', task)
      else await safely('payment_received', task)
    },
  }
}
