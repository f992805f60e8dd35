import type * as React from 'react'
import { ChevronDownIcon } from '~/components/icons.tsx'
import { cn } from '~/lib/utils.ts'

/**
 * A styled native <select>: works without JavaScript, submits with the form,
 * and is the fastest control on laptops and phones alike. Same look as Input.
 */
function NativeSelect({ className, children, ...props }: React.ComponentProps<'select'>) {
  return (
    <div className={cn('relative w-full', className)} data-slot="native-select-wrapper">
      <select
        data-slot="native-select"
        className="ui-select"
        {...props}
      >
        {children}
      </select>
      <ChevronDownIcon
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  )
}

export { NativeSelect }
