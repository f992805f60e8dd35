import { Form, useNavigation } from 'react-router'
import { FormError, useZodForm, ZSelect, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { Button } from '~/components/ui/button.tsx'
import { TaskSchema, VISIBILITIES, VISIBILITY_LABEL } from '~/lib/admin/tasks/schemas.ts'
import { PRIORITIES, PRIORITY_LABEL, TASK_STATUS_LABEL, TASK_STATUSES } from '~/lib/tasks/labels.ts'

type Option = { value: string; label: string }

/** Create and edit a task: the same TaskSchema validates here and in the action. */
export function TaskForm({
  lastResult,
  defaultValue,
  projects,
  staff,
  milestones,
  submitLabel,
  intent,
}: {
  lastResult: unknown
  defaultValue?: Record<string, unknown>
  projects: Option[]
  staff: Option[]
  milestones?: Option[]
  submitLabel: string
  intent?: string
}) {
  const { form, fields, formProps } = useZodForm(TaskSchema, { id: 'task', lastResult, defaultValue })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && (navigation.formData?.get('intent') ?? null) === (intent ?? null)
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-5">
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-5 md:grid-cols-2">
        <ZText field={fields.title} label="Titre" className="md:col-span-2" />
        <ZSelect field={fields.project_id} label="Projet" options={projects} placeholder="Choisir un projet…" className="md:col-span-2" />
        <ZTextarea field={fields.description} label="Description" rows={4} className="md:col-span-2" />
        <ZSelect field={fields.status} label="Statut" options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABEL[s] }))} />
        <ZSelect field={fields.priority} label="Priorité" options={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))} />
        <ZSelect
          field={fields.visibility}
          label="Visibilité"
          options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABEL[v] }))}
          description="Une tâche interne n’apparaît jamais dans l’espace client."
        />
        <ZSelect field={fields.assigned_to} label="Assignée à" options={staff} placeholder="Personne" />
        <ZText field={fields.due_date} label="Échéance" type="date" />
        {milestones && milestones.length > 0 ? (
          <ZSelect field={fields.milestone_id} label="Jalon" options={milestones} placeholder="Aucun jalon" />
        ) : (
          <input type="hidden" name={fields.milestone_id.name} value="" />
        )}
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </Form>
  )
}
