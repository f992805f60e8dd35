import { LifeBuoyIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import type { Route } from './+types/_client.reclamations'

export const meta: Route.MetaFunction = () => [{ title: 'Réclamations — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Réclamations" description="Vos demandes auprès de NOURX et leur suivi." icon={LifeBuoyIcon} what="vos réclamations" />
}
