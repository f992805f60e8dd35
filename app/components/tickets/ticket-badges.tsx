import { Badge } from '~/components/ui/badge.tsx'
import { statusOf } from '~/lib/tickets/labels.ts'

export function TicketStatusBadge({ status }: { status: string }) {
  const { label, variant } = statusOf(status)
  return <Badge variant={variant}>{label}</Badge>
}
