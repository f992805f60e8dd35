import { DownloadIcon, FileMinusIcon } from '~/components/icons.tsx'
import { Link } from 'react-router'
import { DocumentHeader } from '~/components/billing/document-header.tsx'
import { LineItems, Totals } from '~/components/billing/line-items.tsx'
import { PayInvoice } from '~/components/billing/pay-invoice.tsx'
import { AttemptStatusBadge, InvoiceStatusBadge } from '~/components/billing/status-badge.tsx'
import { Button } from '~/components/ui/button.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { isUuid, notFound, unavailable } from '~/lib/billing/errors.server.ts'
import { getBillingSettings, getInvoice } from '~/lib/billing/get-document.server.ts'
import { payActionPath, payRouteExists, reportPaidPath } from '~/lib/billing/online-payment.server.ts'
import { isPayable, paymentMethodLabel } from '~/lib/billing/status.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatDate, formatDateTime, formatDay, formatXOF } from '~/lib/format.ts'
import type { Route } from './+types/_client.factures-devis.$id._index'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.invoice.number ? `Facture ${data.invoice.number}` : 'Facture'} — Espace Client NOURX` },
]

const NOT_FOUND = 'Cette facture n’existe pas ou ne fait pas partie de votre espace.'

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  if (!isUuid(params.id)) notFound(NOT_FOUND)
  const supabase = getSupabase(context)
  const [invoice, settings] = await Promise.all([getInvoice(supabase, params.id), getBillingSettings(supabase)])
  if (!invoice.ok) unavailable('facture', invoice.error)
  if (!invoice.value) notFound(NOT_FOUND)
  if (!settings.ok) unavailable('facture:settings', settings.error)
  const s = settings.value
  const onlineEnabled = s?.online_payment_enabled ?? false
  // The latest online attempt, when it is not settled: the client may say they paid anyway.
  const latest = invoice.value.attempts[0]
  const unsettled = latest && ['pending', 'waiting', 'failed', 'refused', 'cancelled', 'expired'].includes(latest.status)
  return {
    reportPaid:
      unsettled && isPayable(invoice.value) && reportPaidPath(latest.transaction_id)
        ? { action: reportPaidPath(latest.transaction_id)!, transactionId: latest.transaction_id }
        : null,
    invoice: invoice.value,
    payable: isPayable(invoice.value),
    payAction: payActionPath(invoice.value.id),
    onlineAvailable: onlineEnabled && payRouteExists(),
    onlineDisabledBySettings: !onlineEnabled,
    manual: {
      instructions: s?.manual_payment_instructions ?? null,
      bankName: s?.bank_name ?? null,
      accountHolder: s?.bank_account_holder ?? null,
      accountNumber: s?.bank_account_number ?? null,
      iban: s?.bank_iban ?? null,
      swift: s?.bank_swift ?? null,
    },
  }
}

export default function Facture({ loaderData }: Route.ComponentProps) {
  const { invoice, payable, payAction, onlineAvailable, onlineDisabledBySettings, manual, reportPaid } = loaderData
  const pendingAttempt = invoice.attempts.some((a) => a.status === 'pending' || a.status === 'waiting')
  return (
    <>
      <DocumentHeader
        kind="Facture"
        number={invoice.number}
        badge={<InvoiceStatusBadge status={invoice.status} />}
        title={invoice.title}
        meta={[
          ['Projet', invoice.project_title],
          ['Émise le', invoice.issue_date ? formatDay(invoice.issue_date) : null],
          ['Échéance', invoice.due_date ? formatDay(invoice.due_date) : null],
          // Shown while something is still due: the reminder mail points here.
          ['Relance envoyée le', invoice.last_reminder_at && invoice.balance_due > 0 ? formatDateTime(invoice.last_reminder_at) : null],
          ['Devis', invoice.quote?.number ?? null],
        ]}
        actions={
          <Button asChild variant="outline">
            <a href={`/api/factures/${invoice.id}/pdf`} download>
              <DownloadIcon aria-hidden="true" />
              Télécharger le PDF
            </a>
          </Button>
        }
      />

      <div className="flex flex-col gap-6">
        {payable && (
          <PayInvoice
            action={payAction}
            balanceDue={invoice.balance_due}
            number={invoice.number}
            onlineAvailable={onlineAvailable}
            onlineDisabledBySettings={onlineDisabledBySettings}
            pendingAttempt={pendingAttempt}
            manual={manual}
          />
        )}

        {invoice.status === 'canceled' && (
          <section className="flex gap-3 rounded-xl border p-4 text-sm" aria-label="Facture annulée">
            <FileMinusIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <div className="flex flex-col gap-1">
              <p className="font-medium">Cette facture est annulée : aucun paiement n’est dû.</p>
              {invoice.cancel_reason && <p className="text-muted-foreground">Motif : {invoice.cancel_reason}</p>}
              {invoice.credit_note && (
                <p>
                  Avoir {invoice.credit_note.number} du {formatDate(invoice.credit_note.issued_at)} —{' '}
                  <a className="underline underline-offset-4" href={`/api/factures/${invoice.id}/avoir`} download>
                    télécharger l’avoir (PDF)
                  </a>
                </p>
              )}
            </div>
          </section>
        )}

        <section aria-labelledby="lignes-titre" className="rounded-xl border p-4 sm:p-5">
          <h2 id="lignes-titre" className="mb-2 font-semibold">
            Détail
          </h2>
          <LineItems items={invoice.items} />
          <div className="mt-4 border-t pt-4">
            <Totals
              subtotal={invoice.subtotal_ht}
              vatRate={invoice.vat_rate}
              vat={invoice.vat_amount}
              total={invoice.total_ttc}
              extra={
                invoice.status === 'canceled'
                  ? []
                  : [
                      { label: 'Déjà payé', amount: invoice.amount_paid },
                      { label: 'Reste à payer', amount: invoice.balance_due, strong: true },
                    ]
              }
            />
          </div>
          {invoice.notes && <p className="mt-4 text-sm whitespace-pre-line text-muted-foreground">{invoice.notes}</p>}
        </section>

        <section aria-labelledby="paiements-titre" className="rounded-xl border p-4 sm:p-5">
          <h2 id="paiements-titre" className="mb-2 font-semibold">
            Paiements et reçus
          </h2>
          {invoice.payments.length === 0 ? (
            <p className="text-sm text-muted-foreground">Aucun paiement reçu pour cette facture.</p>
          ) : (
            <ul className="flex flex-col divide-y">
              {invoice.payments.map((p) => (
                <li key={p.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="flex flex-col gap-0.5 text-sm">
                    <span className="font-medium tabular-nums">{formatXOF(p.amount)}</span>
                    <span className="text-muted-foreground">
                      {formatDateTime(p.paid_at)} · {paymentMethodLabel(p.method, p.payment_method_detail)}
                      {(p.transaction_id ?? p.reference) && ` · ${p.transaction_id ?? p.reference}`}
                    </span>
                  </div>
                  {p.receipt && (
                    <Button asChild variant="outline" size="sm">
                      <a href={`/api/factures/${invoice.id}/recus/${p.receipt.id}`} download>
                        <DownloadIcon aria-hidden="true" />
                        Reçu {p.receipt.number}
                      </a>
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {invoice.attempts.length > 0 && (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-muted-foreground">
                Paiements en ligne tentés ({invoice.attempts.length})
              </summary>
              <ul className="mt-2 flex flex-col gap-2">
                {invoice.attempts.map((a) => (
                  <li key={a.id} className="flex flex-col gap-1 rounded-md bg-muted/50 px-3 py-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="tabular-nums">{formatDateTime(a.created_at)}</span>
                      <span className="tabular-nums">{formatXOF(a.amount)}</span>
                      <AttemptStatusBadge status={a.status} />
                    </div>
                    <span className="text-muted-foreground">Transaction {a.transaction_id}</span>
                    {a.failure_reason && <span>{a.failure_reason}</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {reportPaid ? (
            <form method="post" action={reportPaid.action} className="mt-4 flex flex-col gap-2 border-t pt-4 text-sm" aria-label="J’ai payé">
              <input type="hidden" name="retour" value={`/factures-devis/${invoice.id}`} />
              <p className="text-muted-foreground">
                Débité par l’opérateur mais la facture n’est pas à jour ? Nous ouvrons une réclamation « Paiement » liée à la
                transaction <span className="tabular-nums">{reportPaid.transactionId}</span> et revérifions tout de suite auprès de CinetPay.
              </p>
              <Button type="submit" variant="outline" size="sm" className="w-fit">
                J’ai payé mais ma facture n’est pas à jour
              </Button>
            </form>
          ) : (
            payable && (
              <p className="mt-4 border-t pt-4 text-sm text-muted-foreground">
                Une question sur cette facture ?{' '}
                <Link className="underline underline-offset-4" to={`/reclamations/nouvelle?facture=${invoice.id}`}>
                  Ouvrez une réclamation « Paiement »
                </Link>
                .
              </p>
            )
          )}
        </section>
      </div>
    </>
  )
}
