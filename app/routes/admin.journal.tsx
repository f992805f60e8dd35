import { ScrollTextIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.journal'

export const meta: Route.MetaFunction = () => [{ title: 'Journal d’audit — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Journal d’audit" description="Qui a modifié quoi, et quand." icon={ScrollTextIcon} what="le journal d’audit" admin />
}
