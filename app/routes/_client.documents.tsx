import { FileTextIcon } from 'lucide-react'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import type { Route } from './+types/_client.documents'

export const meta: Route.MetaFunction = () => [{ title: 'Documents — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  return null
}

export default function Page() {
  return <SectionPending title="Documents" description="Les fichiers partagés entre vous et NOURX, classés par projet." icon={FileTextIcon} what="vos documents" />
}
