import { FolderKanbanIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.projets'

export const meta: Route.MetaFunction = () => [{ title: 'Projets — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Projets" description="Tous les projets des clients." icon={FolderKanbanIcon} what="la liste des projets" admin />
}
