import { LayoutDashboardIcon } from 'lucide-react'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getShellProfile } from '~/lib/profile.server.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import type { Route } from './+types/_client.dashboard'

export const meta: Route.MetaFunction = () => [{ title: 'Tableau de bord — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const [profile, { current }] = await Promise.all([getShellProfile(context, user), getClientProjects(request, context)])
  return { firstName: profile.name?.split(/\s+/)[0] ?? null, project: current ? { title: current.title } : null }
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { firstName, project } = loaderData
  return (
    <>
      <PageHeader
        title={firstName ? `Bonjour ${firstName}` : 'Bonjour'}
        description={project ? `Projet : ${project.title}` : 'Aucun projet n’est encore associé à votre compte.'}
      />
      <EmptyState icon={LayoutDashboardIcon} title="Rien à afficher ici pour l’instant">
        Ce tableau de bord n’affiche pas encore l’avancement, les échéances ni les factures de votre projet. Pour toute
        question en attendant, écrivez à votre contact NOURX.
      </EmptyState>
    </>
  )
}
