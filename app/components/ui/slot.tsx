import * as React from 'react'
import { cn } from '~/lib/utils.ts'

/**
 * `asChild` support for Button and Badge without Radix's Slot: the props are
 * merged onto the single child element (classes joined, handlers chained,
 * styles merged, child's own props win otherwise). Radix's Slot and its
 * helpers cost about 2.5 KB gzipped on every page of the client portal, which
 * has a 120 KB first-load budget (docs/decisions/007-client-bundle-budget.md).
 * React 19 passes `ref` as a plain prop, so it travels with the others.
 */
export function Slot({ children, ...slotProps }: React.HTMLAttributes<HTMLElement> & { children?: React.ReactNode }) {
  if (!React.isValidElement<Record<string, unknown>>(children)) return null
  const childProps = children.props
  const merged: Record<string, unknown> = { ...slotProps, ...childProps }
  for (const key of Object.keys(slotProps)) {
    const slotValue = (slotProps as Record<string, unknown>)[key]
    const childValue = childProps[key]
    if (/^on[A-Z]/.test(key) && typeof slotValue === 'function' && typeof childValue === 'function') {
      merged[key] = (...args: unknown[]) => {
        ;(childValue as (...a: unknown[]) => void)(...args)
        ;(slotValue as (...a: unknown[]) => void)(...args)
      }
    } else if (key === 'style') {
      merged.style = { ...(slotValue as object), ...(childValue as object) }
    } else if (key === 'className') {
      merged.className = cn(slotValue as string, childValue as string)
    }
  }
  return React.cloneElement(children, merged)
}
