import { SettingsIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireAdmin } from '~/lib/auth.server.ts'
import type { Route } from './+types/admin.parametres'

export const meta: Route.MetaFunction = () => [{ title: 'Paramètres — Administration NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Paramètres" description="Identité de l’agence, mentions légales, paiements, e-mails et délais." icon={SettingsIcon} what="les paramètres de l’agence" admin />
}
