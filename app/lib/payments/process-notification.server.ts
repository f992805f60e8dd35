// POST notify_url: read → verify x-token → check the site id → store the raw
// notification → ask /v2/payment/check → apply the decision. The notification
// itself never decides anything (cinetpay.md §2.1, §8.1).
//
// HTTP answers, which drive CinetPay's behaviour:
// - 200 once the notification is stored and the check is handled (including an
//   unknown transaction and a WAITING answer: a re-check is queued);
// - 400 for a body we cannot read, 401 for a missing/forged x-token or another
//   site id: the notification row is the only thing written;
// - 503 when the database fails, so that CinetPay sends the notification again.
import { readNotification, type NotificationResult } from './notification.ts'
import { PaymentStoreError, type NotificationSecrets, type PaymentDeps } from './deps.server.ts'
import { runCheck, type RunCheckResult } from './run-check.server.ts'

type NotificationOutcome = 'received' | 'checked' | 'rejected_token' | 'rejected_site' | 'unknown_transaction' | 'already_final' | 'error'

export interface ProcessedNotification {
  status: number
  outcome: NotificationOutcome
  notificationId: string | null
  result: RunCheckResult | null
  detail: string
}

export async function processNotification(
  request: Request,
  deps: PaymentDeps,
  secrets: NotificationSecrets,
): Promise<ProcessedNotification> {
  const n = await readNotification(request, { siteId: secrets.siteId, secretKey: secrets.secretKey })
  const initialOutcome = refusalOutcome(n)

  let notificationId: string
  try {
    notificationId = await storeNotification(deps, n, initialOutcome)
  } catch (error) {
    return { status: 503, outcome: 'error', notificationId: null, result: null, detail: errorText(error) }
  }

  if (!n.ok) {
    return { status: n.httpStatus, outcome: initialOutcome, notificationId, result: null, detail: n.detail }
  }

  let result: RunCheckResult
  try {
    result = await runCheck(deps, { transactionId: n.transactionId, source: 'notification' })
  } catch (error) {
    const detail = errorText(error)
    await setOutcome(deps, notificationId, 'error', detail).catch(() => undefined)
    return { status: 503, outcome: 'error', notificationId, result: null, detail }
  }

  const outcome: NotificationOutcome =
    result.kind === 'unknown-transaction' ? 'unknown_transaction' : result.kind === 'skipped' ? 'already_final' : 'checked'
  const detail = result.kind === 'checked' ? result.detail : result.kind === 'skipped' ? result.detail : 'transaction inconnue'
  try {
    await setOutcome(deps, notificationId, outcome, result.kind === 'checked' && result.alert ? detail : null)
  } catch (error) {
    // The payment is already applied; only the journal's outcome column is stale.
    console.error(`[cinetpay-webhook] issue de la notification ${notificationId} non enregistrée : ${errorText(error)}`)
  }
  return { status: 200, outcome, notificationId, result, detail }
}

function refusalOutcome(n: NotificationResult): NotificationOutcome {
  if (n.ok) return 'received'
  if (n.reason === 'wrong-site') return 'rejected_site'
  if (n.reason === 'unparsable-body') return 'error'
  return 'rejected_token'
}

async function storeNotification(deps: PaymentDeps, n: NotificationResult, outcome: NotificationOutcome): Promise<string> {
  const j = n.journal
  const { data, error } = await deps.admin
    .from('payment_notifications')
    .insert({
      transaction_id: j.transactionId,
      site_id: j.siteId,
      content_type: j.contentType,
      raw_body: j.rawBody,
      payload: j.fields,
      x_token: j.xToken,
      token_valid: j.tokenValid,
      token_variant: j.tokenVariant,
      site_id_valid: j.siteIdValid,
      outcome,
      error: n.ok ? null : n.detail,
    })
    .select('id')
    .single()
  if (error) throw new PaymentStoreError('journal des notifications', error)
  return (data as { id: string }).id
}

async function setOutcome(deps: PaymentDeps, id: string, outcome: NotificationOutcome, error: string | null) {
  const { error: dbError } = await deps.admin.from('payment_notifications').update({ outcome, error }).eq('id', id)
  if (dbError) throw new PaymentStoreError('issue de la notification', dbError)
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
