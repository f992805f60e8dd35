import { Form, useNavigation } from 'react-router'
import { FormError, useZodForm, ZText, ZTextarea } from '~/components/admin/form.tsx'
import { Button } from '~/components/ui/button.tsx'
import { ClientSchema } from '~/lib/admin/schemas.ts'

/** Company details and legal identifiers (create and edit). */
export function ClientForm({
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
  const { form, fields, formProps } = useZodForm(ClientSchema, { id: 'client', lastResult, defaultValue })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === (intent ?? null)
  return (
    <Form method="post" {...formProps} className="flex flex-col gap-6">
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-5 md:grid-cols-2">
        <ZText field={fields.name} label="Raison sociale" className="md:col-span-2" autoComplete="organization" />
        <ZText field={fields.contact_name} label="Contact principal" autoComplete="name" />
        <ZText field={fields.email} label="E-mail de l’entreprise" type="email" autoComplete="email" />
        <ZText field={fields.phone} label="Téléphone" type="tel" autoComplete="tel" />
        <ZText field={fields.city} label="Ville" />
        <ZTextarea field={fields.address} label="Adresse" rows={2} className="md:col-span-2" />
        <ZText field={fields.country} label="Pays (code ISO)" description="CI pour la Côte d’Ivoire." maxLength={2} />
        <div className="hidden md:block" />
        <ZText field={fields.ncc} label="NCC" description="Numéro de compte contribuable (DGI)." />
        <ZText field={fields.rccm} label="RCCM" description="Registre du commerce, ex. CI-ABJ-2020-B-12345." />
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </Form>
  )
}
