import { cn } from '~/lib/utils.ts'

/** Word mark: NOURX in black (white in dark mode) with the one accent dot. */
export function Logo({ className, subtitle }: { className?: string; subtitle?: string }) {
  return (
    <span className={cn('inline-flex items-baseline gap-2 select-none', className)}>
      <span className="text-lg font-bold tracking-[0.18em]">
        NOURX<span className="text-brand">.</span>
      </span>
      {subtitle && <span className="text-sm text-muted-foreground">{subtitle}</span>}
    </span>
  )
}
