import type * as React from 'react'
import { cn } from '~/lib/utils.ts'

/**
 * shadcn's Label on a native <label> (Radix's Label adds only the
 * double-click guard below, for ~1.7 KB gzipped on every form page of the
 * client portal).
 */
function Label({ className, onMouseDown, ...props }: React.ComponentProps<'label'>) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the caller passes htmlFor or wraps the control.
    <label
      data-slot="label"
      className={cn('ui-label', className)}
      onMouseDown={(event) => {
        onMouseDown?.(event)
        // A double click on the label must not select its text.
        if (!event.defaultPrevented && event.detail > 1) event.preventDefault()
      }}
      {...props}
    />
  )
}

export { Label }
