import { ReceiptTextIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.factures-devis'

export const meta: Route.MetaFunction = () => [{ title: 'Factures & devis — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Factures & devis" description="Créer, envoyer et suivre devis et factures." icon={ReceiptTextIcon} what="les factures et devis" admin />
}
