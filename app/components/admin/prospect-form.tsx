import { Form, useNavigation } from 'react-router'
import { FormError, useZodForm, ZSelect, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { Button } from '~/components/ui/button.tsx'
import { PROSPECT_STAGE, PROSPECT_STAGES } from '~/lib/admin/labels.ts'
import { ProspectSchema } from '~/lib/admin/schemas.ts'

export function ProspectForm({
  lastResult,
  defaultValue,
  submitLabel,
  intent,
}: {
  lastResult: unknown
  defaultValue?: Record<string, unknown>
  submitLabel: string
  intent?: string
}) {
  const { form, fields, formProps } = useZodForm(ProspectSchema, { id: 'prospect', lastResult, defaultValue })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && (navigation.formData?.get('intent') ?? null) === (intent ?? null)
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-6">
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-5 md:grid-cols-2">
        <ZText field={fields.company_name} label="Entreprise" />
        <ZSelect field={fields.stage} label="Étape" options={PROSPECT_STAGES.map((s) => ({ value: s, label: PROSPECT_STAGE[s].label }))} />
        <ZText field={fields.contact_name} label="Contact" />
        <ZText field={fields.email} label="E-mail" type="email" />
        <ZText field={fields.phone} label="Téléphone" type="tel" />
        <ZText field={fields.source} label="Source" placeholder="Recommandation, salon, site web…" />
        <ZText field={fields.estimated_amount} label="Montant estimé HT (F CFA)" inputMode="numeric" />
        <div className="hidden md:block" />
        <ZText field={fields.next_action} label="Prochaine action" placeholder="Rappeler pour la proposition" />
        <ZText field={fields.next_action_date} label="Date de la prochaine action" type="date" />
        <ZTextarea field={fields.notes} label="Notes" rows={5} className="md:col-span-2" />
        <ZText field={fields.lost_reason} label="Raison de la perte (si perdu)" className="md:col-span-2" />
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </Form>
  )
}
