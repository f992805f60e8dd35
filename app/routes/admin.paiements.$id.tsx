// Admin › Paiements › one attempt: its state, the payment and receipt it
// produced, the linked "Paiement" tickets, and the full journal — each
// notification as received (raw body, x-token, verdict) and each
// /v2/payment/check response (raw JSON) with the decision taken.
// "Re-vérifier maintenant" runs a check on the spot (source 'manual').
import { ArrowLeftIcon, BellIcon, RefreshCwIcon, SearchCheckIcon } from 'lucide-react'
import { data, Form, Link, useNavigation } from 'react-router'
import { describeError, ErrorPanel } from '~/components/error-page.tsx'
import { AttemptStatus, CheckDecision } from '~/components/payments/attempt-status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime, formatXOF } from '~/lib/format.ts'
import { getAttemptJournal, type JournalEvent } from '~/lib/payments/admin-journal.server.ts'
import { paymentDeps } from '~/lib/payments/deps.server.ts'
import { runCheck } from '~/lib/payments/run-check.server.ts'
import type { Route } from './+types/admin.paiements.$id'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NOT_FOUND = 'Cette tentative de paiement n’existe pas.'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.attempt.transaction_id ?? 'Paiement'} — Paiements — Administration NOURX` },
]

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: NOT_FOUND }, { status: 404 })
  const journal = await getAttemptJournal(getSupabase(context), params.id)
  if (!journal) throw data({ message: NOT_FOUND }, { status: 404 })
  return journal
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: NOT_FOUND }, { status: 404 })
  const form = await request.formData()
  const env = getEnv(context)
  const back = `/admin/paiements/${params.id}`
  if (form.get('intent') !== 'recheck') {
    return redirectWithFlash(back, { kind: 'error', message: 'Action inconnue.' }, env, { status: 303 })
  }
  const { data: attempt } = await getSupabase(context).from('payment_attempts').select('transaction_id').eq('id', params.id).maybeSingle()
  if (!attempt) throw data({ message: NOT_FOUND }, { status: 404 })
  try {
    const result = await runCheck(paymentDeps(env, getRequestContext(context).bindings, getRequestContext(context).executionContext), {
      transactionId: (attempt as { transaction_id: string }).transaction_id,
      source: 'manual',
    })
    const message =
      result.kind === 'checked'
        ? `Vérification faite : ${result.detail}.${result.enqueued ? ` Prochaine vérification dans ${result.enqueued.delaySeconds} s.` : ''}`
        : result.kind === 'skipped'
          ? result.detail
          : 'Transaction inconnue.'
    return redirectWithFlash(back, { kind: 'success', message: message.slice(0, 280) }, env, { status: 303 })
  } catch (error) {
    console.error('[admin-paiements] re-vérification impossible :', error)
    return redirectWithFlash(back, { kind: 'error', message: 'La vérification n’a pas pu être enregistrée. Réessayez.' }, env, {
      status: 303,
    })
  }
}

export default function PaymentJournalPage({ loaderData }: Route.ComponentProps) {
  const { attempt, events, payment, tickets } = loaderData
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST'
  const receipt = payment ? (Array.isArray(payment.receipts) ? payment.receipts[0] : payment.receipts) : null
  return (
    <>
      <Link to="/admin/paiements" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeftIcon className="size-4" aria-hidden="true" /> Paiements
      </Link>
      <PageHeader
        title={`Transaction ${attempt.transaction_id}`}
        className="[&_h1]:[overflow-wrap:anywhere]"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <AttemptStatus status={attempt.status} />
            <span className="tabular-nums">{formatXOF(attempt.amount)}</span>
            <span>·</span>
            <span>{attempt.client?.name ?? '—'}</span>
            <span>·</span>
            <span>{attempt.invoice?.number ?? 'facture'}</span>
          </span>
        }
        actions={
          <Form method="post">
            <input type="hidden" name="intent" value="recheck" />
            <Button type="submit" disabled={busy}>
              <RefreshCwIcon className={busy ? 'animate-spin' : ''} aria-hidden="true" />
              Re-vérifier maintenant
            </Button>
          </Form>
        }
      />

      {attempt.status === 'flagged' && attempt.failure_reason && (
        <p className="mb-4 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning" role="alert">
          <strong>À vérifier :</strong> {attempt.failure_reason}
        </p>
      )}

      <div className="mb-6 grid min-w-0 gap-4 lg:grid-cols-3">
        <dl className="grid min-w-0 grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 rounded-lg border p-4 text-sm sm:grid-cols-[9rem_minmax(0,1fr)] lg:col-span-2 [&_dd]:[overflow-wrap:anywhere]">
          <dt className="text-muted-foreground">Créée le</dt>
          <dd>{formatDateTime(attempt.created_at)}</dd>
          <dt className="text-muted-foreground">Canaux</dt>
          <dd>{String(attempt.channels).split(',').join(', ')}</dd>
          <dt className="text-muted-foreground">Opérateur</dt>
          <dd>{[attempt.payment_method, attempt.operator_id].filter(Boolean).join(' · ') || '—'}</dd>
          <dt className="text-muted-foreground">Vérifications</dt>
          <dd>
            {attempt.check_count}
            {attempt.last_checked_at && ` · dernière le ${formatDateTime(attempt.last_checked_at)}`}
            {attempt.last_code && ` · code ${attempt.last_code} ${attempt.last_message ?? ''}`}
          </dd>
          <dt className="text-muted-foreground">Prochaine</dt>
          <dd>{attempt.next_check_at ? formatDateTime(attempt.next_check_at) : '—'}</dd>
          {attempt.failure_reason && attempt.status !== 'flagged' && (
            <>
              <dt className="text-muted-foreground">Motif</dt>
              <dd>{attempt.failure_reason}</dd>
            </>
          )}
          <dt className="text-muted-foreground">Facture</dt>
          <dd>
            {attempt.invoice ? (
              <>
                {attempt.invoice.number} · {attempt.invoice.title} · reste {formatXOF(attempt.invoice.balance_due)}
              </>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        <div className="flex flex-col gap-3 rounded-lg border p-4 text-sm">
          <h2 className="font-semibold">Paiement et reçu</h2>
          {payment ? (
            <p>
              {formatXOF(payment.amount)} le {formatDateTime(payment.paid_at)}
              {receipt && (
                <>
                  {' '}
                  ·{' '}
                  <a className="underline underline-offset-4" href={`/api/factures/${attempt.invoice_id}/recus/${receipt.id}`}>
                    reçu {receipt.number}
                  </a>
                </>
              )}
            </p>
          ) : (
            <p className="text-muted-foreground">Aucun paiement enregistré pour cette transaction.</p>
          )}
          <h2 className="font-semibold">Réclamations liées</h2>
          {tickets.length === 0 ? (
            <p className="text-muted-foreground">Aucune.</p>
          ) : (
            <ul className="flex flex-col gap-1">
              {tickets.map((t) => (
                <li key={t.id}>
                  <Link className="underline underline-offset-4" to={`/admin/reclamations?ticket=${t.id}`}>
                    n° {t.number}
                  </Link>{' '}
                  {t.subject}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <h2 className="mb-3 font-semibold">Journal ({events.length})</h2>
      {events.length === 0 ? (
        <p className="text-sm text-muted-foreground">Aucune notification ni vérification pour l’instant.</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {events.map((e) => (
            <li key={`${e.kind}-${e.id}`} className="rounded-lg border p-3 sm:p-4">
              {e.kind === 'notification' ? <NotificationEvent event={e} /> : <CheckEvent event={e} />}
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

const OUTCOME_LABELS: Record<string, string> = {
  received: 'reçue',
  checked: 'vérifiée',
  rejected_token: 'refusée : x-token invalide ou absent',
  rejected_site: 'refusée : autre site_id',
  unknown_transaction: 'transaction inconnue',
  already_final: 'déjà finale, ignorée',
  error: 'erreur',
}

function NotificationEvent({ event }: { event: JournalEvent }) {
  const n = event.data as Record<string, any>
  const rejected = String(n.outcome).startsWith('rejected')
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <BellIcon className="size-4 text-muted-foreground" aria-hidden="true" />
        <span className="font-medium">Notification</span>
        <Badge variant={rejected ? 'danger' : n.outcome === 'error' ? 'warning' : 'neutral'}>{OUTCOME_LABELS[n.outcome] ?? n.outcome}</Badge>
        <span className="text-muted-foreground">{formatDateTime(n.received_at)}</span>
        <span className="text-muted-foreground">
          x-token {n.token_valid ? `valide (${n.token_variant})` : 'non valide'}
          {n.site_id_valid === false && ' · site_id inattendu'}
        </span>
      </div>
      {n.error && <p className="mb-2 text-sm text-danger">{n.error}</p>}
      <details>
        <summary className="cursor-pointer text-sm text-muted-foreground">Corps brut ({n.content_type ?? 'sans type'})</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-muted p-2 text-xs break-all whitespace-pre-wrap">{n.raw_body || '(vide)'}</pre>
        <pre className="mt-2 overflow-auto rounded bg-muted p-2 text-xs break-all whitespace-pre-wrap">x-token: {n.x_token ?? '(absent)'}</pre>
      </details>
    </>
  )
}

const SOURCE_LABELS: Record<string, string> = {
  notification: 'après notification',
  queue: 'file de re-vérification',
  return: 'page de retour',
  manual: 'manuelle (admin)',
  ticket: 'réclamation client',
}

function CheckEvent({ event }: { event: JournalEvent }) {
  const c = event.data as Record<string, any>
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <SearchCheckIcon className="size-4 text-muted-foreground" aria-hidden="true" />
        <span className="font-medium">Vérification</span>
        <CheckDecision decision={c.decision} />
        <span className="text-muted-foreground">{formatDateTime(c.checked_at)}</span>
        <span className="text-muted-foreground">
          {SOURCE_LABELS[c.source] ?? c.source}
          {c.http_status != null && ` · HTTP ${c.http_status}`}
          {c.code && ` · code ${c.code} ${c.message ?? ''}`}
          {c.api_status && ` · ${c.api_status}`}
          {c.amount && ` · ${c.amount} ${c.currency ?? ''}`}
          {c.duration_ms != null && ` · ${c.duration_ms} ms`}
        </span>
      </div>
      {c.error && <p className="mb-2 text-sm text-muted-foreground">{c.error}</p>}
      <details>
        <summary className="cursor-pointer text-sm text-muted-foreground">Réponse brute</summary>
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-muted p-2 text-xs break-all whitespace-pre-wrap">
          {c.raw_response ? JSON.stringify(c.raw_response, null, 2) : (c.raw_text ?? '(aucune réponse)')}
        </pre>
      </details>
    </>
  )
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { status, message } = describeError(error)
  return <ErrorPanel status={status} message={message} />
}
