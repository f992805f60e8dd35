import { LifeBuoyIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.reclamations'

export const meta: Route.MetaFunction = () => [{ title: 'Réclamations — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Réclamations" description="Les réclamations des clients, triées par échéance." icon={LifeBuoyIcon} what="les réclamations des clients" admin />
}
