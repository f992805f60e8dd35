import { CreditCardIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.paiements'

export const meta: Route.MetaFunction = () => [{ title: 'Paiements — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Paiements" description="Chaque tentative de paiement, notification et vérification." icon={CreditCardIcon} what="le journal des paiements" admin />
}
