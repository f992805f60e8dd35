import { MapIcon } from '~/components/icons.tsx'
import { data, Link } from 'react-router'
import { MilestoneCard, type MilestoneActionData } from '~/components/roadmap/milestone-card.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { PendingRegion } from '~/components/ui/pending-region.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import { getRoadmap } from '~/lib/roadmap/get-roadmap.server.ts'
import { isMilestoneLate, MILESTONE_STATUS_LABEL, todayIso } from '~/lib/roadmap/labels.ts'
import { addMilestoneComment, approveMilestone } from '~/lib/roadmap/milestone-actions.server.ts'
import { parseRoadmapFilter, RoadmapActionSchema, type RoadmapFilter } from '~/lib/roadmap/schemas.ts'
import { cn } from '~/lib/utils.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.feuille-de-route'

export const meta: Route.MetaFunction = () => [{ title: 'Feuille de route — Espace Client NOURX' }]

/** Projects (cached per request, shared with the layout), then the milestones with everything embedded. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const filter = parseRoadmapFilter(new URL(request.url).searchParams.get('statut'))
  const { current } = await getClientProjects(request, context)
  const today = todayIso()
  const milestones = current ? await getRoadmap(getSupabase(context), current.id) : []
  return {
    project: current ? { id: current.id, title: current.title } : null,
    milestones,
    filter,
    today,
    user: { id: user.id, name: user.fullName ?? '' },
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  const form = Object.fromEntries(await request.formData())
  const values = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >
  const parsed = RoadmapActionSchema.safeParse(form)
  if (!parsed.success) {
    const intent = values.intent === 'approve' ? 'approve' : 'comment'
    return data<MilestoneActionData>(
      {
        intent,
        milestoneId: values.milestoneId,
        ok: false,
        errors: fieldErrors(parsed.error),
        values,
        message: 'Vérifiez le formulaire.',
      },
      { status: 400 },
    )
  }
  const supabase = getSupabase(context)
  const input = parsed.data
  if (input.intent === 'comment') {
    await addMilestoneComment(supabase, { milestoneId: input.milestoneId, body: input.body, authorId: user.id })
    return data<MilestoneActionData>({ intent: 'comment', milestoneId: input.milestoneId, ok: true })
  }
  const result = await approveMilestone(supabase, input)
  if (!result.ok) {
    return data<MilestoneActionData>(
      { intent: 'approve', milestoneId: input.milestoneId, ok: false, message: result.message, values },
      { status: result.status },
    )
  }
  return data<MilestoneActionData>({
    intent: 'approve',
    milestoneId: input.milestoneId,
    ok: true,
    message: 'Jalon validé.',
  })
}

const FILTER_LABEL: Record<RoadmapFilter, string> = {
  tous: 'Tous',
  planned: MILESTONE_STATUS_LABEL.planned,
  in_progress: MILESTONE_STATUS_LABEL.in_progress,
  delivered: 'À valider',
  approved: 'Validés',
  late: 'En retard',
}

export default function RoadmapPage({ loaderData }: Route.ComponentProps) {
  const { project, milestones, filter, today, user } = loaderData
  if (!project) {
    return (
      <>
        <PageHeader title="Feuille de route" />
        <EmptyState icon={MapIcon} title="Aucun projet pour l’instant">
          La feuille de route apparaîtra ici dès qu’un projet sera associé à votre entreprise.
        </EmptyState>
      </>
    )
  }
  const shown = milestones.filter((m) =>
    filter === 'tous' ? true : filter === 'late' ? isMilestoneLate(m.status, m.due_date, today) : m.status === filter,
  )
  const count = (f: RoadmapFilter) =>
    f === 'tous'
      ? milestones.length
      : f === 'late'
        ? milestones.filter((m) => isMilestoneLate(m.status, m.due_date, today)).length
        : milestones.filter((m) => m.status === f).length

  return (
    <>
      <PageHeader title="Feuille de route" description={`Projet : ${project.title}`} />
      <nav aria-label="Filtrer par statut" className="-mx-1 mb-6 flex gap-1 overflow-x-auto px-1 pb-1">
        {(Object.keys(FILTER_LABEL) as RoadmapFilter[]).map((f) => (
          <Link
            key={f}
            to={f === 'tous' ? '?' : `?statut=${f}`}
            preventScrollReset
            aria-current={filter === f ? 'page' : undefined}
            className={cn(
              'shrink-0 rounded-full border px-3 py-1 text-sm whitespace-nowrap',
              filter === f ? 'border-foreground bg-foreground text-background' : 'hover:bg-accent',
            )}
          >
            {FILTER_LABEL[f]} <span className="tabular-nums opacity-70">{count(f)}</span>
          </Link>
        ))}
      </nav>
      <PendingRegion>
        {milestones.length === 0 ? (
          <EmptyState icon={MapIcon} title="Aucun jalon planifié">
            L’équipe NOURX n’a pas encore publié la feuille de route de ce projet.
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState icon={MapIcon} title="Aucun jalon dans ce filtre">
            <Link to="?" className="underline">
              Voir tous les jalons
            </Link>
          </EmptyState>
        ) : (
          <ol className="max-w-3xl">
            {shown.map((m) => (
              <MilestoneCard key={m.id} milestone={m} today={today} defaultSignerName={user.name} userId={user.id} />
            ))}
          </ol>
        )}
      </PendingRegion>
    </>
  )
}
