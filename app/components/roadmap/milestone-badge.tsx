import { Badge } from '~/components/ui/badge.tsx'
import { MILESTONE_STATUS_LABEL, MILESTONE_STATUS_VARIANT, type MilestoneStatus } from '~/lib/roadmap/labels.ts'

export function MilestoneStatusBadge({ status, late = false }: { status: MilestoneStatus; late?: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge variant={MILESTONE_STATUS_VARIANT[status]}>{MILESTONE_STATUS_LABEL[status]}</Badge>
      {late && <Badge variant="danger">En retard</Badge>}
    </span>
  )
}
