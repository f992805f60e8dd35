import type { LucideIcon } from 'lucide-react'
import { Card } from '~/components/ui/card.tsx'
import { cn } from '~/lib/utils.ts'

/** One figure with its label (dashboard KPIs, client overview). */
export function Stat({
  label,
  value,
  hint,
  icon: Icon,
  tone,
  className,
}: {
  label: string
  value: React.ReactNode
  hint?: React.ReactNode
  icon?: LucideIcon
  tone?: 'danger' | 'warning' | 'success'
  className?: string
}) {
  return (
    <Card className={cn('gap-1 p-4', className)}>
      <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground">
        <span>{label}</span>
        {Icon && <Icon className="size-4" aria-hidden="true" />}
      </div>
      <div
        className={cn(
          'text-2xl font-semibold tracking-tight tabular-nums',
          tone === 'danger' && 'text-danger',
          tone === 'warning' && 'text-warning',
          tone === 'success' && 'text-success',
        )}
      >
        {value}
      </div>
      {hint && <div className="text-xs text-muted-foreground">{hint}</div>}
    </Card>
  )
}
