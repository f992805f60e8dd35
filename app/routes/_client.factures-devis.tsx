import { ReceiptTextIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import type { Route } from './+types/_client.factures-devis'

export const meta: Route.MetaFunction = () => [{ title: 'Factures & devis — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Factures & devis" description="Vos devis à valider, vos factures et vos paiements." icon={ReceiptTextIcon} what="vos factures et devis" />
}
