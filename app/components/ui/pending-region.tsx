import type * as React from 'react'
import { useLocation, useNavigation } from 'react-router'
import { cn } from '~/lib/utils.ts'

/**
 * Content that the next navigation on the same page (a filter, a search, a
 * view switch) is about to replace: dimmed and marked busy meanwhile, so a
 * slow connection never shows stale results as if they were the answer.
 */
function PendingRegion({ className, children, ...props }: React.ComponentProps<'div'>) {
  const navigation = useNavigation()
  const location = useLocation()
  const pending =
    navigation.state === 'loading' &&
    navigation.location.pathname === location.pathname &&
    navigation.location.search !== location.search
  return (
    <div
      data-slot="pending-region"
      aria-busy={pending || undefined}
      className={cn(
        'transition-opacity',
        pending && 'pointer-events-none opacity-50 motion-safe:animate-pulse',
        className,
      )}
      {...props}
    >
      {children}
    </div>
  )
}

export { PendingRegion }
