import { LayoutDashboardIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin._index'

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Tableau de bord" description="Ce qui demande votre attention et les indicateurs de l’agence." icon={LayoutDashboardIcon} what="les indicateurs de l’agence" admin />
}
