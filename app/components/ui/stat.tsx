import type * as React from 'react'
import { cn } from '~/lib/utils.ts'

/** A key figure: small label above, large tabular value, optional hint below. */
function Stat({
  label,
  value,
  hint,
  className,
  ...props
}: Omit<React.ComponentProps<'div'>, 'children'> & {
  label: React.ReactNode
  value: React.ReactNode
  hint?: React.ReactNode
}) {
  return (
    <div
      data-slot="stat"
      className={cn('flex min-w-0 flex-col gap-1 rounded-xl border bg-card p-4', className)}
      {...props}
    >
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="text-xl font-semibold tracking-tight tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-muted-foreground">{hint}</dd>}
    </div>
  )
}

export { Stat }
