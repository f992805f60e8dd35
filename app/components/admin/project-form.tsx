import { Form, useNavigation } from 'react-router'
import { FormError, useZodForm, ZSelect, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { Button } from '~/components/ui/button.tsx'
import { PROGRESS_MODE, PROGRESS_MODES, PROJECT_STATUS, PROJECT_STATUSES } from '~/lib/admin/labels.ts'
import { ProjectSchema } from '~/lib/admin/schemas.ts'

/** Create and edit a project (client, title, description, status, dates, progress). */
export function ProjectForm({
  lastResult,
  defaultValue,
  clients,
  submitLabel,
  intent,
}: {
  lastResult: unknown
  defaultValue?: Record<string, unknown>
  clients: { value: string; label: string }[]
  submitLabel: string
  intent?: string
}) {
  const { form, fields, formProps } = useZodForm(ProjectSchema, { id: 'project', lastResult, defaultValue })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && (navigation.formData?.get('intent') ?? null) === (intent ?? null)
  const manual = (fields.progress_mode.value ?? defaultValue?.progress_mode ?? 'tasks') === 'manual'
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-6">
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-5 md:grid-cols-2">
        <ZSelect field={fields.client_id} label="Client" options={clients} placeholder="Choisir un client…" />
        <ZSelect
          field={fields.status}
          label="Statut"
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS[s].label }))}
        />
        <ZText field={fields.title} label="Titre" className="md:col-span-2" />
        <ZTextarea field={fields.description} label="Description" description="Visible par le client sur la page du projet." rows={4} className="md:col-span-2" />
        <ZText field={fields.start_date} label="Début" type="date" />
        <ZText field={fields.end_date} label="Fin prévue" type="date" />
        <ZSelect
          field={fields.progress_mode}
          label="Avancement"
          options={PROGRESS_MODES.map((m) => ({ value: m, label: PROGRESS_MODE[m] }))}
        />
        <ZText
          field={fields.progress}
          label="Avancement manuel (%)"
          type="number"
          min={0}
          max={100}
          disabled={!manual}
          description={manual ? 'De 0 à 100.' : 'Calculé automatiquement dans ce mode.'}
        />
        <ZText field={fields.budget_ht} label="Budget HT (F CFA)" inputMode="numeric" description="Facultatif, montant entier." />
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </Form>
  )
}
