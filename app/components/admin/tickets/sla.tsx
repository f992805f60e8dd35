import { AlarmClockIcon } from 'lucide-react'
import { isLate } from '~/lib/admin/tickets/schemas.ts'
import { formatDateTime } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'

/** "dans 3 h", "il y a 2 j" — short, for the inbox. */
export function relativeShort(iso: string, now: number): string {
  const diff = Date.parse(iso) - now
  const abs = Math.abs(diff)
  const hours = Math.round(abs / 3_600_000)
  const text = abs < 3_600_000 ? `${Math.max(1, Math.round(abs / 60_000))} min` : hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} j`
  return diff >= 0 ? `dans ${text}` : `il y a ${text}`
}

/** The SLA deadline, red and labelled « En retard » once passed on an unresolved ticket. */
export function SlaDeadline({ ticket, now, className }: { ticket: { status: string; sla_due_at: string | null }; now: number; className?: string }) {
  if (!ticket.sla_due_at) return <span className="text-muted-foreground">—</span>
  const late = isLate(ticket, now)
  const done = ticket.status === 'resolved' || ticket.status === 'closed'
  return (
    <span className={cn('inline-flex items-center gap-1.5 whitespace-nowrap', late ? 'font-medium text-danger' : done ? 'text-muted-foreground' : '', className)} title={formatDateTime(ticket.sla_due_at)}>
      {late && <AlarmClockIcon className="size-3.5" aria-hidden="true" />}
      {late ? `En retard · ${relativeShort(ticket.sla_due_at, now)}` : done ? formatDateTime(ticket.sla_due_at) : relativeShort(ticket.sla_due_at, now)}
    </span>
  )
}
