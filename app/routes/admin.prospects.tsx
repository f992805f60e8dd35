import { TargetIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.prospects'

export const meta: Route.MetaFunction = () => [{ title: 'Prospects — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Prospects" description="Le pipeline commercial, du premier contact à la signature." icon={TargetIcon} what="le pipeline des prospects" admin />
}
