import type { LucideIcon } from 'lucide-react'

export interface NavItem {
  to: string
  label: string
  /** Shorter label for the phone bottom bar. */
  short?: string
  icon: LucideIcon
  /** Active only on exact match (section roots such as /admin). */
  end?: boolean
}
