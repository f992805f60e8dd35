import type * as React from 'react'
import { cn } from '~/lib/utils.ts'

/**
 * A determinate progress bar (0–100). Plain markup with the progressbar role
 * rather than Radix's Progress: same accessibility, none of its JavaScript on
 * the client portal's first load.
 */
function Progress({
  className,
  value,
  ...props
}: Omit<React.ComponentProps<'div'>, 'children'> & { value?: number | null }) {
  const clamped = Math.min(100, Math.max(0, value ?? 0))
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      data-slot="progress"
      data-state={value == null ? 'indeterminate' : clamped >= 100 ? 'complete' : 'loading'}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <div
        data-slot="progress-indicator"
        className="h-full w-full flex-1 bg-primary transition-all"
        style={{ transform: `translateX(-${100 - clamped}%)` }}
      />
    </div>
  )
}

export { Progress }
