import { ListChecksIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.taches'

export const meta: Route.MetaFunction = () => [{ title: 'Tâches — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Tâches" description="Les tâches de tous les projets." icon={ListChecksIcon} what="les tâches des projets" admin />
}
