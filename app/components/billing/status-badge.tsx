import { Badge } from '~/components/ui/badge.tsx'
import { attemptStatus, invoiceStatus, quoteStatus } from '~/lib/billing/status.ts'

export function InvoiceStatusBadge({ status }: { status: string }) {
  const { label, variant } = invoiceStatus(status)
  return <Badge variant={variant}>{label}</Badge>
}

export function QuoteStatusBadge({ status }: { status: string }) {
  const { label, variant } = quoteStatus(status)
  return <Badge variant={variant}>{label}</Badge>
}

export function AttemptStatusBadge({ status }: { status: string }) {
  const { label, variant } = attemptStatus(status)
  return <Badge variant={variant}>{label}</Badge>
}
