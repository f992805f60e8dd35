// The "Payer" block of an invoice. The button is a real HTML form posting to
// /api/invoices/:id/pay (issue 7): without JavaScript it still works, and the
// redirect to the CinetPay checkout is a plain browser navigation. When that
// route does not exist yet, or online payment is switched off in the
// settings, the block says so and shows how to pay by transfer or cash —
// never a button that pretends.
import { CreditCardIcon, InfoIcon } from '~/components/icons.tsx'
import { Button } from '~/components/ui/button.tsx'
import { formatXOF } from '~/lib/format.ts'

export interface ManualPayment {
  instructions: string | null
  bankName: string | null
  accountHolder: string | null
  accountNumber: string | null
  iban: string | null
  swift: string | null
}

export function PayInvoice({
  action,
  balanceDue,
  number,
  onlineAvailable,
  onlineDisabledBySettings,
  pendingAttempt,
  manual,
}: {
  action: string
  balanceDue: number
  number: string | null
  onlineAvailable: boolean
  onlineDisabledBySettings: boolean
  /** A checkout already started and not final yet: say so before a second one. */
  pendingAttempt: boolean
  manual: ManualPayment
}) {
  return (
    <section aria-labelledby="payer-titre" className="rounded-xl border p-4 sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex flex-col gap-1">
          <h2 id="payer-titre" className="font-semibold">
            Reste à payer : <span className="tabular-nums">{formatXOF(balanceDue)}</span>
          </h2>
          <p className="text-sm text-muted-foreground">
            {onlineAvailable
              ? 'Mobile Money (Orange, MTN, Moov, Wave) ou carte bancaire, via CinetPay.'
              : 'Par virement bancaire ou en espèces (voir ci-dessous).'}
          </p>
        </div>
        {onlineAvailable && (
          <form method="post" action={action} className="shrink-0">
            <Button type="submit" variant="brand" size="lg" className="w-full sm:w-auto">
              <CreditCardIcon aria-hidden="true" />
              Payer {formatXOF(balanceDue)}
            </Button>
          </form>
        )}
      </div>
      {pendingAttempt && onlineAvailable && (
        <p className="mt-3 flex gap-2 rounded-md bg-info-soft px-3 py-2 text-sm text-info" role="status">
          <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          Un paiement en ligne est en cours de confirmation par l’opérateur. Si vous avez déjà été débité, attendez sa
          confirmation avant de payer à nouveau.
        </p>
      )}
      {!onlineAvailable && (
        <p className="mt-3 flex gap-2 rounded-md bg-neutral-soft px-3 py-2 text-sm" role="note">
          <InfoIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {onlineDisabledBySettings
            ? 'Le paiement en ligne est momentanément désactivé par NOURX.'
            : 'Le paiement en ligne (Mobile Money, carte) n’est pas encore disponible dans votre espace client.'}{' '}
          Vous pouvez régler cette facture par virement ou en espèces.
        </p>
      )}
      <ManualPaymentDetails manual={manual} number={number} open={!onlineAvailable} />
    </section>
  )
}

function ManualPaymentDetails({ manual, number, open }: { manual: ManualPayment; number: string | null; open: boolean }) {
  const bank: Array<[string, string | null]> = [
    ['Banque', manual.bankName],
    ['Titulaire', manual.accountHolder],
    ['Compte', manual.accountNumber],
    ['IBAN', manual.iban],
    ['BIC / SWIFT', manual.swift],
  ]
  const rows = bank.filter((r): r is [string, string] => Boolean(r[1]))
  if (rows.length === 0 && !manual.instructions) return null
  return (
    <details className="mt-3 text-sm" open={open}>
      <summary className="cursor-pointer font-medium">Payer par virement ou en espèces</summary>
      <div className="mt-2 flex flex-col gap-2">
        {rows.length > 0 && (
          <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="break-all tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {number && <p>Indiquez la référence <strong className="tabular-nums">{number}</strong> sur votre virement.</p>}
        {manual.instructions && <p className="whitespace-pre-line text-muted-foreground">{manual.instructions}</p>}
      </div>
    </details>
  )
}
