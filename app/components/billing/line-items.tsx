// Lines and totals of a quote or an invoice, as the database computed them.
// Phones get stacked lines (label, "2 × 150 000 F CFA", total); wider
// screens a table. Amounts use tabular figures so columns line up.
import { formatXOF } from '~/lib/format.ts'
import type { LineItem } from '~/lib/billing/get-document.server.ts'

const quantityFormat = new Intl.NumberFormat('fr-CI', { maximumFractionDigits: 3 })
const rateFormat = new Intl.NumberFormat('fr-CI', { maximumFractionDigits: 2 })

export function LineItems({ items }: { items: LineItem[] }) {
  if (items.length === 0) return <p className="text-sm text-muted-foreground">Aucune ligne.</p>
  return (
    <>
      <ul className="flex flex-col divide-y sm:hidden" aria-label="Lignes">
        {items.map((item) => (
          <li key={item.id} className="flex flex-col gap-1 py-3">
            <div className="flex items-start justify-between gap-3">
              <span className="font-medium">{item.label}</span>
              <span className="shrink-0 font-medium tabular-nums">{formatXOF(item.line_total)}</span>
            </div>
            {item.description && <p className="text-sm text-muted-foreground">{item.description}</p>}
            <p className="text-sm text-muted-foreground tabular-nums">
              {quantityFormat.format(item.quantity)} × {formatXOF(item.unit_price)}
            </p>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-sm sm:table">
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="py-2 pr-4 font-medium">Désignation</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Qté</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Prix unitaire HT</th>
            <th scope="col" className="py-2 text-right font-medium">Total HT</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {items.map((item) => (
            <tr key={item.id} className="align-top">
              <td className="py-3 pr-4">
                <div className="font-medium">{item.label}</div>
                {item.description && <div className="text-muted-foreground">{item.description}</div>}
              </td>
              <td className="py-3 pr-4 text-right tabular-nums">{quantityFormat.format(item.quantity)}</td>
              <td className="py-3 pr-4 text-right whitespace-nowrap tabular-nums">{formatXOF(item.unit_price)}</td>
              <td className="py-3 text-right whitespace-nowrap tabular-nums">{formatXOF(item.line_total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export function Totals({
  subtotal,
  vatRate,
  vat,
  total,
  extra = [],
}: {
  subtotal: number
  vatRate: number
  vat: number
  total: number
  /** Rows after the TTC total (déjà payé, reste à payer). */
  extra?: Array<{ label: string; amount: number; strong?: boolean }>
}) {
  return (
    <dl className="ml-auto grid w-full max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm" aria-label="Totaux">
      <dt className="text-muted-foreground">Total HT</dt>
      <dd className="text-right tabular-nums">{formatXOF(subtotal)}</dd>
      <dt className="text-muted-foreground">TVA ({rateFormat.format(vatRate)} %)</dt>
      <dd className="text-right tabular-nums">{formatXOF(vat)}</dd>
      <dt className="border-t pt-2 font-semibold">Total TTC</dt>
      <dd className="border-t pt-2 text-right font-semibold tabular-nums">{formatXOF(total)}</dd>
      {extra.map((row) => (
        <div key={row.label} className="contents">
          <dt className={row.strong ? 'font-semibold' : 'text-muted-foreground'}>{row.label}</dt>
          <dd className={row.strong ? 'text-right font-semibold tabular-nums' : 'text-right tabular-nums'}>{formatXOF(row.amount)}</dd>
        </div>
      ))}
    </dl>
  )
}
