// Charts in shadcn/ui's style, on recharts (https://ui.shadcn.com/docs/components/chart).
//
// A `ChartConfig` maps each series key to a French label and a colour; the
// container exposes the colours as CSS variables (`--color-<key>`) so the
// recharts elements are written `fill="var(--color-invoiced)"` and follow the
// design tokens of app/app.css (black/white + the one brand accent, dark mode
// included). Tooltip and legend contents read the same config.
//
// Bundle: recharts weighs ~100 KB gzipped. Import this module from back-office
// (admin) code only — the client portal's routes have a 120 KB budget
// (`npm run bench:bundle`).
//
// Hydration: recharts measures its container in the browser, so the chart
// itself renders after mount; the server (and the first client render) draw a
// placeholder of the same height, so the two HTML trees always match.
import * as React from 'react'
import * as RechartsPrimitive from 'recharts'
import { cn } from '~/lib/utils.ts'

export type ChartConfig = Record<string, { label: React.ReactNode; color: string; icon?: React.ComponentType }>

const ChartContext = React.createContext<{ config: ChartConfig } | null>(null)

export function useChart() {
  const context = React.useContext(ChartContext)
  if (!context) throw new Error('useChart must be used inside a <ChartContainer />')
  return context
}

const subscribe = () => () => {}
/** false during SSR and hydration, true afterwards (no effect-driven re-render flash on client navigations). */
function useIsClient() {
  return React.useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}

export function ChartContainer({
  id,
  className,
  children,
  config,
  ...props
}: React.ComponentProps<'div'> & {
  config: ChartConfig
  children: React.ComponentProps<typeof RechartsPrimitive.ResponsiveContainer>['children']
}) {
  const uniqueId = React.useId()
  const chartId = `chart-${id ?? uniqueId.replace(/:/g, '')}`
  const isClient = useIsClient()
  const colours = Object.fromEntries(
    Object.entries(config).map(([key, item]) => [`--color-${key}`, item.color]),
  ) as React.CSSProperties

  return (
    <ChartContext.Provider value={{ config }}>
      <div
        data-slot="chart"
        data-chart={chartId}
        style={colours}
        className={cn(
          // shadcn's look: muted ticks and grid, no outline on focus of the SVG, a soft cursor.
          'flex aspect-video justify-center text-xs',
          "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line[stroke='#ccc']]:stroke-border/70",
          '[&_.recharts-curve.recharts-tooltip-cursor]:stroke-border [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted',
          '[&_.recharts-layer]:outline-hidden [&_.recharts-sector]:outline-hidden [&_.recharts-surface]:outline-hidden',
          className,
        )}
        {...props}
      >
        {isClient ? (
          <RechartsPrimitive.ResponsiveContainer>{children}</RechartsPrimitive.ResponsiveContainer>
        ) : (
          <div aria-hidden="true" className="size-full animate-pulse rounded-md bg-muted/60" />
        )}
      </div>
    </ChartContext.Provider>
  )
}

export const ChartTooltip = RechartsPrimitive.Tooltip

interface TooltipItem {
  dataKey?: string | number | ((obj: unknown) => unknown)
  name?: string | number
  value?: unknown
  color?: string
  payload?: Record<string, unknown>
}

export function ChartTooltipContent({
  active,
  payload,
  label,
  className,
  hideLabel = false,
  labelFormatter,
  valueFormatter = (v) => String(v),
  indicator = 'square',
}: {
  active?: boolean
  payload?: readonly TooltipItem[]
  label?: unknown
  className?: string
  hideLabel?: boolean
  labelFormatter?: (label: unknown, payload: readonly TooltipItem[]) => React.ReactNode
  valueFormatter?: (value: number | string, key: string) => React.ReactNode
  indicator?: 'square' | 'line'
}) {
  const { config } = useChart()
  if (!active || !payload?.length) return null
  return (
    <div className={cn('grid min-w-40 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl', className)}>
      {!hideLabel && <div className="font-medium">{labelFormatter ? labelFormatter(label, payload) : String(label ?? '')}</div>}
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name ?? '')
        const entry = config[key]
        return (
          <div key={key} className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={cn('shrink-0 rounded-[2px]', indicator === 'line' ? 'h-0.5 w-3' : 'size-2.5')}
              style={{ background: `var(--color-${key}, ${item.color ?? 'currentColor'})` }}
            />
            <span className="text-muted-foreground">{entry?.label ?? item.name}</span>
            <span className="ml-auto font-mono font-medium text-foreground tabular-nums">
              {item.value === undefined ? '—' : valueFormatter(item.value as number | string, key)}
            </span>
          </div>
        )
      })}
    </div>
  )
}

export const ChartLegend = RechartsPrimitive.Legend

export function ChartLegendContent({
  className,
  payload,
  verticalAlign = 'bottom',
}: {
  className?: string
  payload?: readonly { dataKey?: unknown; value?: unknown; color?: string }[]
  verticalAlign?: 'top' | 'middle' | 'bottom'
}) {
  const { config } = useChart()
  if (!payload?.length) return null
  // In the order of the config (recharts sorts legend items by name).
  const order = Object.keys(config)
  const rank = (item: (typeof payload)[number]) => {
    const i = order.indexOf(String(item.dataKey ?? item.value ?? ''))
    return i === -1 ? order.length : i
  }
  const items = [...payload].sort((a, b) => rank(a) - rank(b))
  return (
    <div className={cn('flex items-center justify-center gap-4', verticalAlign === 'top' ? 'pb-3' : 'pt-3', className)}>
      {items.map((item) => {
        const key = String(item.dataKey ?? item.value ?? '')
        return (
          <div key={key} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2 shrink-0 rounded-[2px]" style={{ background: `var(--color-${key}, ${item.color})` }} />
            {config[key]?.label ?? String(item.value ?? key)}
          </div>
        )
      })}
    </div>
  )
}
