import type * as React from 'react'
import { cn } from '~/lib/utils.ts'

/**
 * shadcn's FieldSeparator ("ou" between two ways of signing in). Its own
 * module: only the sign-in page uses it, and field.tsx travels with every
 * form of the client portal (docs/decisions/007-client-bundle-budget.md).
 */
function FieldSeparator({ className, children, ...props }: React.ComponentProps<'div'>) {
  return (
    <div data-slot="field-separator" className={cn('relative my-1 flex items-center gap-3 text-sm', className)} {...props}>
      <span className="h-px flex-1 bg-border" />
      {children && <span className="text-muted-foreground">{children}</span>}
      <span className="h-px flex-1 bg-border" />
    </div>
  )
}

export { FieldSeparator }
