import { Trash2Icon, UserMinusIcon, UserPlusIcon } from 'lucide-react'
import { data, Link, useFetcher } from 'react-router'
import { ConfirmAction } from '~/components/admin/confirm.tsx'
import { FormError, useZodForm, ZSelect, ZText } from '~/components/admin/form.tsx'
import { MilestoneList, type MilestoneItem } from '~/components/admin/milestone-list.tsx'
import { ProjectForm } from '~/components/admin/project-form.tsx'
import { StatusBadge } from '~/components/admin/status-badge.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import { formError, intentOf, parseForm, unknownIntent, writeErrorMessage } from '~/lib/admin/action.server.ts'
import { clientOptions } from '~/lib/admin/clients.server.ts'
import { PROGRESS_MODE, PROJECT_STATUS } from '~/lib/admin/labels.ts'
import {
  addTeamMember,
  deleteMilestone,
  deleteProject,
  getProjectDetail,
  removeTeamMember,
  reorderMilestones,
  saveMilestone,
  updateProject,
} from '~/lib/admin/projects.server.ts'
import { IdSchema, MilestoneSchema, ProjectSchema, ReorderSchema, TeamMemberSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { notifyAfter } from '~/lib/notifications/background.server.ts'
import type { Route } from './+types/admin.projets.$id'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.project.title ?? 'Projet'} — Administration NOURX` }]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  if (!UUID.test(params.id)) throw data({ message: 'Ce projet n’existe pas.' }, { status: 404 })
  const db = getSupabase(context)
  const [detail, clients] = await Promise.all([getProjectDetail(db, params.id), clientOptions(db)])
  if (!detail) throw data({ message: 'Ce projet n’existe pas.' }, { status: 404 })
  return { ...detail, clients }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const env = getEnv(context)
  const db = getSupabase(context)
  const form = await request.formData()
  const intent = intentOf(form)
  const here = `/admin/projets/${params.id}`

  switch (intent) {
    case 'update': {
      const submission = parseForm(form, ProjectSchema)
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
      try {
        await updateProject(db, params.id, submission.value)
        return redirectWithFlash(here, { kind: 'success', message: 'Projet enregistré.' }, env)
      } catch (error) {
        const { message, status } = writeErrorMessage(error)
        return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
      }
    }
    case 'save_milestone': {
      const submission = parseForm(form, MilestoneSchema)
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
      try {
        const saved = await saveMilestone(db, params.id, submission.value)
        if (submission.value.status === 'delivered') notifyAfter(context, { type: 'milestone_saved', milestoneId: saved.id as string })
        return { intent, ok: true, message: submission.value.milestone_id ? 'Jalon enregistré.' : 'Jalon ajouté.' }
      } catch (error) {
        const { message, status } = writeErrorMessage(error)
        return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
      }
    }
    case 'add_team': {
      const submission = parseForm(form, TeamMemberSchema)
      if (submission.status !== 'success') return data({ intent, result: submission.reply() }, 400)
      try {
        await addTeamMember(db, params.id, submission.value.user_id, submission.value.role_label)
        return { intent, ok: true, message: 'Équipe mise à jour.' }
      } catch (error) {
        const { message, status } = writeErrorMessage(error)
        return data({ intent, result: submission.reply({ formErrors: [message] }) }, status)
      }
    }
  }

  try {
    switch (intent) {
      case 'reorder_milestones': {
        const parsed = ReorderSchema.safeParse({ ids: form.getAll('ids') })
        if (!parsed.success) return data({ formError: 'Ordre des jalons invalide.' }, 400)
        await reorderMilestones(db, params.id, parsed.data.ids)
        return { ok: true }
      }
      case 'delete_milestone': {
        const parsed = IdSchema.safeParse({ id: form.get('milestone_id') })
        if (!parsed.success) return data({ formError: 'Jalon invalide.' }, 400)
        await deleteMilestone(db, params.id, parsed.data.id)
        return { ok: true }
      }
      case 'remove_team': {
        const parsed = IdSchema.safeParse({ id: form.get('user_id') })
        if (!parsed.success) return data({ formError: 'Personne invalide.' }, 400)
        await removeTeamMember(db, params.id, parsed.data.id)
        return { ok: true }
      }
      case 'delete':
        await deleteProject(db, params.id)
        return redirectWithFlash('/admin/projets', { kind: 'success', message: 'Projet supprimé.' }, env)
      default:
        return unknownIntent()
    }
  } catch (error) {
    return formError(error)
  }
}

type ActionResult = { intent?: string; result?: unknown } | undefined

export default function ProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project, milestones, team, taskCounts, staff, clients } = loaderData
  const result = actionData as ActionResult
  const client = project.clients as { id: string; name: string } | null
  return (
    <>
      <PageHeader
        title={project.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge map={PROJECT_STATUS} value={project.status} />
            {client && (
              <Link to={`/admin/clients/${client.id}`} className="hover:underline">
                {client.name}
              </Link>
            )}
          </span>
        }
        actions={
          <Link to={`/admin/taches?projet=${project.id}`} className="inline-flex h-10 items-center rounded-md border px-4 text-sm font-medium hover:bg-accent">
            Tâches du projet
          </Link>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Jalons</CardTitle>
              <CardDescription>Glissez-déposez pour changer l’ordre de la feuille de route du client.</CardDescription>
            </CardHeader>
            <CardContent>
              <MilestoneList milestones={milestones as MilestoneItem[]} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Informations du projet</CardTitle>
            </CardHeader>
            <CardContent>
              <ProjectForm
                intent="update"
                lastResult={result?.intent === 'update' ? result.result : undefined}
                clients={clients}
                defaultValue={{
                  client_id: project.client_id,
                  title: project.title,
                  description: project.description ?? undefined,
                  status: project.status,
                  progress_mode: project.progress_mode,
                  progress: String(project.progress),
                  start_date: project.start_date ?? undefined,
                  end_date: project.end_date ?? undefined,
                  budget_ht: project.budget_ht === null ? undefined : String(project.budget_ht),
                }}
                submitLabel="Enregistrer le projet"
              />
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Avancement</CardTitle>
              <CardDescription>{PROGRESS_MODE[project.progress_mode as keyof typeof PROGRESS_MODE]}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <div className="flex items-center gap-3">
                <Progress value={project.progress} aria-label={`Avancement ${project.progress} %`} />
                <span className="text-xl font-semibold whitespace-nowrap tabular-nums">{project.progress} %</span>
              </div>
              <p className="text-sm text-muted-foreground">
                {taskCounts.done} tâche(s) terminée(s) sur {taskCounts.total} · {taskCounts.visible} visible(s) par le client ·{' '}
                {milestones.filter((m) => m.status === 'approved').length} jalon(s) validé(s) sur {milestones.length}
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Équipe affichée au client</CardTitle>
              <CardDescription>Noms et rôles visibles sur la page projet du client.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {team.length === 0 ? (
                <p className="text-sm text-muted-foreground">Personne n’est affiché pour l’instant.</p>
              ) : (
                <ul className="divide-y rounded-lg border">
                  {team.map((t) => (
                    <li key={t.user_id} className="flex items-center gap-3 p-3">
                      <div className="min-w-0 flex-1">
                        <div className="font-medium">{t.full_name}</div>
                        <div className="text-xs text-muted-foreground">{t.role_label}</div>
                      </div>
                      <ConfirmAction
                        trigger={
                          <Button variant="ghost" size="icon-sm" aria-label={`Retirer ${t.full_name} de l’équipe`}>
                            <UserMinusIcon aria-hidden="true" />
                          </Button>
                        }
                        title="Retirer de l’équipe ?"
                        description={`${t.full_name} ne sera plus affiché au client sur ce projet.`}
                        intent="remove_team"
                        fields={{ user_id: t.user_id }}
                        confirmLabel="Retirer"
                      />
                    </li>
                  ))}
                </ul>
              )}
              <TeamForm key={team.length} staff={staff} />
            </CardContent>
          </Card>
          <Card className="border-destructive/30">
            <CardHeader>
              <CardTitle>Supprimer le projet</CardTitle>
              <CardDescription>Jalons, tâches et documents du projet sont supprimés ; les factures restent, sans projet.</CardDescription>
            </CardHeader>
            <CardContent>
              <ConfirmAction
                trigger={
                  <Button variant="destructive">
                    <Trash2Icon aria-hidden="true" /> Supprimer le projet
                  </Button>
                }
                title={`Supprimer « ${project.title} » ?`}
                description="Le client ne verra plus ce projet. Cette action est définitive."
                intent="delete"
                confirmLabel="Supprimer"
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  )
}

function TeamForm({ staff }: { staff: { value: string; label: string }[] }) {
  const fetcher = useFetcher<{ intent?: string; ok?: boolean; result?: unknown }>()
  const { form, fields, formProps } = useZodForm(TeamMemberSchema, {
    id: 'team',
    lastResult: fetcher.data && !fetcher.data.ok ? fetcher.data.result : undefined,
    defaultValue: { role_label: 'Chef de projet' },
  })
  return (
    <fetcher.Form method="post" {...formProps} className="flex flex-col gap-3 rounded-lg bg-muted/40 p-4">
      <input type="hidden" name="intent" value="add_team" />
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-3 sm:grid-cols-2">
        <ZSelect field={fields.user_id} label="Personne" options={staff} placeholder="Choisir…" />
        <ZText field={fields.role_label} label="Rôle affiché" />
      </div>
      <Button type="submit" variant="outline" className="self-start" disabled={fetcher.state !== 'idle'}>
        <UserPlusIcon aria-hidden="true" /> Ajouter à l’équipe
      </Button>
    </fetcher.Form>
  )
}
