// The return page's live status. It shows what the DATABASE says about the
// attempt and polls /api/paiements/:tx until the payment is paid, failed or
// expired. The browser's return from CinetPay is never taken as proof.
//
// Polling backs off (2 s for the first minute, 5 s up to 5 minutes, then
// 15 s) and pauses while the tab is hidden, so a forgotten tab costs little.
import { CheckCircle2Icon, DownloadIcon, InfoIcon, Loader2Icon, RotateCcwIcon, XCircleIcon } from '~/components/icons.tsx'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { Button } from '~/components/ui/button.tsx'
import { formatXOF } from '~/lib/format.ts'
import type { PaymentStatus } from '~/lib/payments/payment-status.server.ts'

export type ClientPaymentStatus = PaymentStatus

function pollDelay(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 2_000
  if (elapsedMs < 5 * 60_000) return 5_000
  return 15_000
}

export function usePaymentStatus(initial: ClientPaymentStatus): { status: ClientPaymentStatus; stale: boolean } {
  const [status, setStatus] = useState(initial)
  const [stale, setStale] = useState(false)
  const started = useRef(Date.now())
  useEffect(() => {
    setStatus(initial)
  }, [initial])
  useEffect(() => {
    if (status.phase !== 'pending') return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      if (cancelled) return
      if (document.visibilityState === 'visible') {
        try {
          const res = await fetch(`/api/paiements/${encodeURIComponent(status.transactionId)}`, {
            headers: { Accept: 'application/json' },
            cache: 'no-store',
          })
          if (res.ok) {
            const next = (await res.json()) as ClientPaymentStatus
            if (!cancelled) {
              setStale(false)
              setStatus(next)
              if (next.phase !== 'pending') return
            }
          } else if (!cancelled) setStale(true)
        } catch {
          if (!cancelled) setStale(true)
        }
      }
      if (!cancelled) timer = setTimeout(tick, pollDelay(Date.now() - started.current))
    }
    timer = setTimeout(tick, pollDelay(Date.now() - started.current))
    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
    }
  }, [status.phase, status.transactionId])
  return { status, stale }
}

export function PaymentReturn({ initial }: { initial: ClientPaymentStatus }) {
  const { status, stale } = usePaymentStatus(initial)
  const invoiceHref = `/factures-devis/${status.invoiceId}`
  const invoiceLabel = status.invoiceNumber ? `la facture ${status.invoiceNumber}` : 'la facture'
  const stillDue = status.balanceDue > 0 && (status.invoiceStatus === 'sent' || status.invoiceStatus === 'overdue')

  return (
    <section
      aria-live="polite"
      aria-busy={status.phase === 'pending'}
      data-phase={status.phase}
      className="flex flex-col gap-5 rounded-xl border bg-card p-5 sm:p-8"
    >
      <div className="flex items-start gap-4">
        <PhaseIcon phase={status.phase} />
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-xl font-semibold tracking-tight sm:text-2xl">{title(status.phase)}</h1>
          <p className="text-sm text-muted-foreground">
            {formatXOF(status.amount)} pour {invoiceLabel} · transaction{' '}
            <span className="font-mono text-xs break-all">{status.transactionId}</span>
          </p>
        </div>
      </div>

      <p className={status.phase === 'failed' || status.phase === 'expired' ? 'font-medium text-danger' : ''} role="status">
        {status.message}
      </p>

      {status.phase === 'pending' && (
        <p className="flex gap-2 rounded-md bg-neutral-soft px-3 py-2 text-sm">
          <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          Cette page se met à jour toute seule dès que CinetPay confirme le paiement. Vous pouvez aussi la quitter : la
          facture sera mise à jour automatiquement.
        </p>
      )}
      {stale && status.phase === 'pending' && (
        <p className="text-sm text-muted-foreground">Connexion interrompue, nouvel essai en cours…</p>
      )}

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        {status.phase === 'paid' && status.receipt && (
          <Button asChild variant="brand">
            <a href={`/api/factures/${status.invoiceId}/recus/${status.receipt.id}`} download>
              <DownloadIcon aria-hidden="true" />
              Télécharger le reçu {status.receipt.number}
            </a>
          </Button>
        )}
        {(status.phase === 'failed' || status.phase === 'expired') && stillDue && (
          <form method="post" action={`/api/invoices/${status.invoiceId}/pay`}>
            <Button type="submit" variant="brand" className="w-full sm:w-auto">
              <RotateCcwIcon aria-hidden="true" />
              Réessayer le paiement ({formatXOF(status.balanceDue)})
            </Button>
          </form>
        )}
        <Button asChild variant="outline">
          <Link to={invoiceHref}>Voir la facture</Link>
        </Button>
      </div>

      {status.phase !== 'paid' && status.phase !== 'review' && (
        <ReportPaid transactionId={status.transactionId} back={invoiceHref} />
      )}
    </section>
  )
}

/** "J'ai payé mais ma facture n'est pas à jour": a ticket linked to the transaction + an immediate re-check. */
export function ReportPaid({ transactionId, back, compact = false }: { transactionId: string; back: string; compact?: boolean }) {
  return (
    <form
      method="post"
      action={`/api/paiements/${encodeURIComponent(transactionId)}/signaler`}
      className={compact ? '' : 'border-t pt-4'}
    >
      <input type="hidden" name="retour" value={back} />
      {!compact && (
        <p className="mb-2 text-sm text-muted-foreground">
          Vous avez été débité mais la facture n’est pas à jour ? Signalez-le : nous ouvrons une réclamation « Paiement »
          liée à cette transaction et revérifions tout de suite auprès de CinetPay.
        </p>
      )}
      <Button type="submit" variant="outline" size={compact ? 'sm' : 'default'}>
        J’ai payé mais ma facture n’est pas à jour
      </Button>
    </form>
  )
}

function title(phase: ClientPaymentStatus['phase']): string {
  switch (phase) {
    case 'paid':
      return 'Paiement confirmé'
    case 'failed':
      return 'Paiement non abouti'
    case 'expired':
      return 'Paiement expiré'
    case 'review':
      return 'Paiement reçu, en vérification'
    default:
      return 'Paiement en cours de confirmation…'
  }
}

function PhaseIcon({ phase }: { phase: ClientPaymentStatus['phase'] }) {
  const cls = 'size-10 shrink-0'
  switch (phase) {
    case 'paid':
      return <CheckCircle2Icon className={`${cls} text-success`} aria-hidden="true" />
    case 'failed':
    case 'expired':
      return <XCircleIcon className={`${cls} text-danger`} aria-hidden="true" />
    case 'review':
      return <InfoIcon className={`${cls} text-info`} aria-hidden="true" />
    default:
      return <Loader2Icon className={`${cls} animate-spin text-muted-foreground motion-reduce:animate-none`} aria-hidden="true" />
  }
}
