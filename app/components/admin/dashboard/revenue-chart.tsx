// Revenue by month on the admin dashboard: invoiced (TTC, black) against
// collected (the brand accent) as grouped bars, 12 months, from the
// revenue_by_month series of public.admin_kpis(). Screen readers get the same
// figures as a table (the bars are decorative for them).
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts'
import {
  ChartContainer,
  ChartLegend,
  ChartLegendContent,
  ChartTooltip,
  ChartTooltipContent,
  type ChartConfig,
} from '~/components/ui/chart.tsx'
import { formatXOF } from '~/lib/format.ts'

export interface RevenueMonth {
  month: string // 'YYYY-MM'
  invoiced: number
  collected: number
}

const config = {
  invoiced: { label: 'Facturé TTC', color: 'var(--foreground)' },
  collected: { label: 'Encaissé', color: 'var(--brand)' },
} satisfies ChartConfig

// Months are calendar months (no time of day): format them in UTC so the
// server and the browser agree whatever their time zones.
const monthShort = new Intl.DateTimeFormat('fr-CI', { month: 'short', timeZone: 'UTC' })
const monthLong = new Intl.DateTimeFormat('fr-CI', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const compact = new Intl.NumberFormat('fr-CI', { notation: 'compact', maximumFractionDigits: 1 })
const toDate = (month: string) => new Date(`${month}-01T00:00:00Z`)
export const monthLabel = (month: string) => monthLong.format(toDate(month))

/** A round top for the axis (1, 2, 4, 6, 8 × 10^n), so that its quarters are round amounts too. */
export function niceMax(value: number): number {
  if (value <= 0) return 1_000_000
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 4, 6, 8]) if (step * power >= value) return step * power
  return 10 * power
}

export function RevenueChart({ data }: { data: RevenueMonth[] }) {
  const empty = data.every((d) => d.invoiced === 0 && d.collected === 0)
  const rows = data.map((d) => ({ ...d, short: monthShort.format(toDate(d.month)) }))
  const top = niceMax(Math.max(0, ...data.flatMap((d) => [d.invoiced, d.collected])))
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * top)
  return (
    <figure aria-labelledby="ca-par-mois-legende" className="relative">
      <figcaption id="ca-par-mois-legende" className="sr-only">
        Chiffre d’affaires facturé et encaissé par mois, 12 derniers mois
      </figcaption>
      <ChartContainer config={config} className="aspect-auto h-72 w-full" aria-hidden="true">
        <BarChart data={rows} margin={{ top: 8, right: 4, left: 4, bottom: 0 }} barGap={4} accessibilityLayer={false}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="short" tickLine={false} axisLine={false} tickMargin={8} minTickGap={4} />
          <YAxis
            tickLine={false}
            axisLine={false}
            width={56}
            domain={[0, top]}
            ticks={ticks}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <ChartTooltip
            cursor={{ fill: 'var(--muted)' }}
            content={
              <ChartTooltipContent
                labelFormatter={(_, payload) => {
                  const month = payload[0]?.payload?.month
                  return typeof month === 'string' ? monthLabel(month) : ''
                }}
                valueFormatter={(v) => formatXOF(Number(v))}
              />
            }
          />
          <ChartLegend content={<ChartLegendContent />} />
          {/* No grow-in animation: it replays on every resize and adds nothing to figures. */}
          <Bar dataKey="invoiced" fill="var(--color-invoiced)" radius={[3, 3, 0, 0]} maxBarSize={22} isAnimationActive={false} />
          <Bar dataKey="collected" fill="var(--color-collected)" radius={[3, 3, 0, 0]} maxBarSize={22} isAnimationActive={false} />
        </BarChart>
      </ChartContainer>
      {empty && (
        <p className="pointer-events-none absolute inset-0 flex items-center justify-center pb-8 text-sm text-muted-foreground">
          Aucune facture émise ni paiement encaissé sur la période.
        </p>
      )}
      <table className="sr-only">
        <caption>Chiffre d’affaires par mois</caption>
        <thead>
          <tr>
            <th scope="col">Mois</th>
            <th scope="col">Facturé TTC</th>
            <th scope="col">Encaissé</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.month}>
              <th scope="row">{monthLabel(d.month)}</th>
              <td>{formatXOF(d.invoiced)}</td>
              <td>{formatXOF(d.collected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
