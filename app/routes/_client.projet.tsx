import { FolderKanbanIcon } from 'lucide-react'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { Badge } from '~/components/ui/badge.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import type { Route } from './+types/_client.projet'

export const meta: Route.MetaFunction = () => [{ title: 'Projet — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const { current } = await getClientProjects(request, context)
  return { project: current }
}

const STATUS: Record<string, { label: string; variant: 'success' | 'warning' | 'neutral' | 'info' | 'danger' }> = {
  draft: { label: 'En préparation', variant: 'neutral' },
  active: { label: 'En cours', variant: 'info' },
  on_hold: { label: 'En pause', variant: 'warning' },
  completed: { label: 'Terminé', variant: 'success' },
  cancelled: { label: 'Annulé', variant: 'danger' },
}

export default function Projet({ loaderData }: Route.ComponentProps) {
  const { project } = loaderData
  if (!project) {
    return (
      <>
        <PageHeader title="Projet" />
        <EmptyState icon={FolderKanbanIcon} title="Aucun projet">
          Aucun projet n’est encore associé à votre compte. NOURX l’ajoutera dès son lancement.
        </EmptyState>
      </>
    )
  }
  const status = STATUS[project.status] ?? { label: project.status, variant: 'neutral' as const }
  return (
    <SectionPending title={project.title} icon={FolderKanbanIcon} what="la description, les indicateurs et l’équipe de ce projet">
      <div className="mb-6 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <Badge variant={status.variant}>{status.label}</Badge>
        {project.clientName && <span>{project.clientName}</span>}
      </div>
    </SectionPending>
  )
}
