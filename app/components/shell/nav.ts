import type { IconComponent } from '~/components/icons.tsx'

export interface NavItem {
  to: string
  label: string
  /** Shorter label for the phone bottom bar. */
  short?: string
  icon: IconComponent
  /** Active only on exact match (section roots such as /admin). */
  end?: boolean
}
