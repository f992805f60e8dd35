import { Badge } from '~/components/ui/badge.tsx'
import type { Tone } from '~/lib/admin/labels.ts'

/** A state-coloured badge from one of the label maps of app/lib/admin/labels.ts. */
export function StatusBadge({
  map,
  value,
  className,
}: {
  map: Record<string, { label: string; tone: Tone }>
  value: string | null | undefined
  className?: string
}) {
  if (!value) return null
  const entry = map[value]
  return (
    <Badge variant={entry?.tone ?? 'neutral'} className={className}>
      {entry?.label ?? value}
    </Badge>
  )
}
