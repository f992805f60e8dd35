import { ListChecksIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import type { Route } from './+types/_client.taches'

export const meta: Route.MetaFunction = () => [{ title: 'Tâches — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Tâches" description="Les tâches de votre projet visibles par vous, et vos échanges avec l’équipe." icon={ListChecksIcon} what="les tâches de votre projet" />
}
