import { cva, type VariantProps } from 'class-variance-authority'
import type * as React from 'react'
import { cn } from '~/lib/utils.ts'
import { Slot } from './slot.tsx'

/**
 * Status badges: the only place besides alerts where colour appears. Pick
 * the variant from the state's meaning (paid → success, overdue → danger),
 * never from taste.
 */
// The class lists are in app.css (components layer).
const badgeVariants = cva('ui-badge', {
  variants: {
    variant: {
      default: 'ui-badge-default',
      outline: 'ui-badge-outline',
      neutral: 'ui-badge-neutral',
      success: 'ui-badge-success',
      warning: 'ui-badge-warning',
      danger: 'ui-badge-danger',
      info: 'ui-badge-info',
      brand: 'ui-badge-brand',
    },
  },
  defaultVariants: { variant: 'neutral' },
})

function Badge({
  className,
  variant,
  asChild = false,
  ...props
}: React.ComponentProps<'span'> & VariantProps<typeof badgeVariants> & { asChild?: boolean }) {
  const Comp = asChild ? Slot : 'span'
  return (
    <Comp
      data-slot="badge"
      data-variant={variant ?? 'neutral'}
      className={cn(badgeVariants({ variant }), className)}
      {...props}
    />
  )
}

export { Badge, badgeVariants }
