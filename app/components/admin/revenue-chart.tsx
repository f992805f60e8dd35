// Revenue by month (invoiced vs collected) as a grouped bar chart, drawn in
// plain SVG in shadcn's chart style (muted grid and ticks, rounded bars, a
// bordered tooltip, a legend). recharts was the plan, but its peer
// dependency react-is is not installed in this tree (see the report); this
// keeps the dashboard honest meanwhile and costs no bundle at all.
import { useState } from 'react'
import { formatXOF } from '~/lib/format.ts'

const SERIES = [
  { key: 'invoiced', label: 'Facturé TTC', className: 'fill-foreground', swatch: 'bg-foreground' },
  { key: 'collected', label: 'Encaissé', className: 'fill-brand', swatch: 'bg-brand' },
] as const

const monthShort = new Intl.DateTimeFormat('fr-CI', { month: 'short', timeZone: 'UTC' })
const monthLong = new Intl.DateTimeFormat('fr-CI', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const compact = new Intl.NumberFormat('fr-CI', { notation: 'compact', maximumFractionDigits: 1 })
const toDate = (month: string) => new Date(`${month}-01T00:00:00Z`)

/** A round upper bound for the axis (1, 2, 4, 6, 8 × 10^n: quarters stay round). */
function niceMax(value: number): number {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 4, 6, 8, 10]) if (step * power >= value) return step * power
  return 10 * power
}

export function RevenueChart({ data }: { data: { month: string; invoiced: number; collected: number }[] }) {
  const [hover, setHover] = useState<number | null>(null)
  const width = 960
  const height = 280
  const pad = { top: 12, right: 8, bottom: 28, left: 56 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const max = niceMax(Math.max(0, ...data.flatMap((d) => [d.invoiced, d.collected])))
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max)
  const band = innerW / Math.max(1, data.length)
  const barW = Math.min(22, (band - 12) / 2)
  const y = (v: number) => pad.top + innerH - (v / max) * innerH
  const active = hover === null ? null : data[hover]
  const empty = data.every((d) => d.invoiced === 0 && d.collected === 0)

  return (
    <figure className="w-full" data-slot="chart">
      <div className="relative overflow-x-auto">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-72 w-full min-w-[40rem]"
        role="img"
        aria-label="Chiffre d’affaires facturé et encaissé par mois"
        onMouseLeave={() => setHover(null)}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="stroke-border" strokeDasharray={t === 0 ? undefined : '3 3'} />
            <text x={pad.left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="fill-muted-foreground text-[11px]">
              {compact.format(t)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x0 = pad.left + i * band + (band - 2 * barW - 4) / 2
          return (
            <g key={d.month} onMouseEnter={() => setHover(i)} onFocus={() => setHover(i)} tabIndex={0} aria-label={`${monthLong.format(toDate(d.month))} : facturé ${formatXOF(d.invoiced)}, encaissé ${formatXOF(d.collected)}`}>
              <rect x={pad.left + i * band} y={pad.top} width={band} height={innerH} className={hover === i ? 'fill-muted' : 'fill-transparent'} />
              {SERIES.map((s, k) => {
                const v = d[s.key]
                const h = Math.max(v > 0 ? 2 : 0, (v / max) * innerH)
                return <rect key={s.key} x={x0 + k * (barW + 4)} y={pad.top + innerH - h} width={barW} height={h} rx={3} className={s.className} />
              })}
              <text x={pad.left + i * band + band / 2} y={height - 8} textAnchor="middle" className="fill-muted-foreground text-[11px]">
                {monthShort.format(toDate(d.month))}
              </text>
            </g>
          )
        })}
      </svg>
      {empty && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-muted-foreground">Aucune facture émise ni paiement encaissé sur la période.</p>
      )}
      {active && (
        <div
          className="pointer-events-none absolute top-2 grid min-w-44 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl"
          style={{ left: `min(calc(${((hover! + 0.5) / data.length) * 100}% + 12px), calc(100% - 12rem))` }}
        >
          <div className="font-medium">{monthLong.format(toDate(active.month))}</div>
          {SERIES.map((s) => (
            <div key={s.key} className="flex items-center gap-2">
              <span className={`size-2.5 shrink-0 rounded-[2px] ${s.swatch}`} />
              <span className="text-muted-foreground">{s.label}</span>
              <span className="ml-auto font-mono font-medium tabular-nums">{formatXOF(active[s.key])}</span>
            </div>
          ))}
        </div>
      )}
      </div>
      <figcaption className="flex items-center justify-center gap-4 pt-2 text-xs">
        {SERIES.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className={`size-2 shrink-0 rounded-[2px] ${s.swatch}`} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}
