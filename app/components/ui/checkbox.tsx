import type * as React from 'react'
import { cn } from '~/lib/utils.ts'

/**
 * shadcn's Checkbox look on a native <input type="checkbox">: it submits with
 * its form, works before hydration and costs no JavaScript (Radix's Checkbox
 * rebuilds all of that in ~3 KB gzipped). The tick is a CSS mask.
 */
function Checkbox({ className, ...props }: Omit<React.ComponentProps<'input'>, 'type'>) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn(
        'peer relative size-4 shrink-0 cursor-pointer appearance-none rounded-[4px] border border-input bg-background shadow-xs transition-shadow outline-none disabled:cursor-not-allowed disabled:opacity-50',
        'checked:border-primary checked:bg-primary',
        "after:absolute after:inset-0 after:hidden after:bg-primary-foreground after:content-[''] checked:after:block",
        'after:[mask:url(\'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"%3E%3Cpath d="M20 6 9 17l-5-5"/%3E%3C/svg%3E\')_center/75%_no-repeat]',
        'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40',
        'aria-invalid:border-destructive aria-invalid:ring-destructive/20',
        className,
      )}
      {...props}
    />
  )
}

export { Checkbox }
