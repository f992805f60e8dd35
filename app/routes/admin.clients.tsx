import { BuildingIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.clients'

export const meta: Route.MetaFunction = () => [{ title: 'Clients — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Clients" description="Les entreprises clientes, leurs membres et leur solde." icon={BuildingIcon} what="la liste des clients" admin />
}
