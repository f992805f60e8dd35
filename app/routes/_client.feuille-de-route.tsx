import { MapIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import type { Route } from './+types/_client.feuille-de-route'

export const meta: Route.MetaFunction = () => [{ title: 'Feuille de route — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Feuille de route" description="Les jalons de votre projet, leurs versions et leur état." icon={MapIcon} what="la feuille de route de votre projet" />
}
