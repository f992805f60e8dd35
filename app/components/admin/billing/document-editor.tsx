// The invoice/quote editor: header fields and line items (label, quantity,
// unit price in F CFA), validated by BillingDocumentSchema in the browser and
// again in the action. The totals shown while typing are an estimate for the
// eye only, labelled as such: the saved document shows the database's own
// figures (generated line totals, HT, TVA rounded once, TTC).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { PlusIcon, Trash2Icon } from 'lucide-react'
import { Form, useNavigation } from 'react-router'
import { FormError } from '~/components/forms.tsx'
import { Button } from '~/components/ui/button.tsx'
import { FieldError } from '~/components/ui/field.tsx'
import { Input } from '~/components/ui/input.tsx'
import { Label } from '~/components/ui/label.tsx'
import { NativeSelect } from '~/components/ui/native-select.tsx'
import { Textarea } from '~/components/ui/textarea.tsx'
import { BillingDocumentSchema, estimateTotals, type DocKind } from '~/lib/admin/billing/schemas.ts'
import { formatXOF } from '~/lib/format.ts'
import { cn } from '~/lib/utils.ts'

type Option = { value: string; label: string }

/** The estimate follows what is typed, absurd amounts included: never let the formatter throw on them. */
const estimateXOF = (n: number) => (Number.isSafeInteger(n) ? formatXOF(n) : 'Trop élevé')

export interface EditorDefaults {
  client_id?: string
  project_id?: string
  title?: string
  vat_rate?: string
  deadline?: string
  notes?: string
  terms?: string
  items?: { label?: string; description?: string; quantity?: string; unit_price?: string }[]
}

function isSubmissionResult(value: unknown): value is SubmissionResult<string[]> {
  return typeof value === 'object' && value !== null && ('status' in value || 'initialValue' in value || 'error' in value)
}

export function DocumentEditor({
  kind,
  lastResult,
  defaultValue,
  clients,
  projects,
  submitLabel,
  intent,
}: {
  kind: DocKind
  lastResult: unknown
  defaultValue: EditorDefaults
  clients: Option[]
  projects: (Option & { client_id: string })[]
  submitLabel: string
  intent?: string
}) {
  const [form, fields] = useForm({
    id: `editor-${kind}`,
    lastResult: isSubmissionResult(lastResult) ? lastResult : undefined,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BillingDocumentSchema }),
  })
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && (navigation.formData?.get('intent') ?? null) === (intent ?? null)
  const lines = fields.items.getFieldList()
  const value = (form.value ?? defaultValue) as EditorDefaults
  const estimate = estimateTotals(value.items ?? [], value.vat_rate)
  const clientId = fields.client_id.value ?? defaultValue.client_id
  const clientProjects = projects.filter((p) => p.client_id === clientId)

  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-6">
      {intent && <input type="hidden" name="intent" value={intent} />}
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Select field={fields.client_id} label="Client" options={clients} placeholder="Choisir un client…" />
        <Select
          field={fields.project_id}
          label="Projet (facultatif)"
          options={clientProjects}
          placeholder={clientId ? 'Sans projet' : 'Choisissez d’abord le client'}
        />
        <Text field={fields.title} label="Objet" className="md:col-span-2" />
        <Text field={fields.vat_rate} label="TVA (%)" inputMode="decimal" />
        <Text
          field={fields.deadline}
          label={kind === 'facture' ? 'Échéance' : 'Valable jusqu’au'}
          type="date"
          description={kind === 'facture' ? 'Vide : selon le délai de paiement des paramètres, à l’envoi.' : 'Vide : selon la durée de validité des paramètres, à l’envoi.'}
        />
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">Lignes</legend>
        <div className="hidden grid-cols-[minmax(0,1fr)_7rem_9rem_9rem_2.5rem] gap-2 px-1 text-xs text-muted-foreground md:grid">
          <span>Libellé</span>
          <span className="text-right">Quantité</span>
          <span className="text-right">Prix unitaire (F CFA)</span>
          <span className="text-right">Total (estimation)</span>
          <span />
        </div>
        <ol className="flex flex-col gap-2">
          {lines.map((line, index) => {
            const item = line.getFieldset()
            return (
              <li key={line.key} className="grid grid-cols-2 gap-2 rounded-lg border p-2 md:grid-cols-[minmax(0,1fr)_7rem_9rem_9rem_2.5rem] md:items-start md:border-0 md:p-0" data-line={index}>
                <div className="col-span-2 flex flex-col gap-1 md:col-span-1">
                  <Input {...inputProps(item.label)} aria-label={`Libellé de la ligne ${index + 1}`} placeholder="Libellé" />
                  <FieldError id={item.label.errorId} errors={item.label.errors} />
                  <Input {...inputProps(item.description)} aria-label={`Description de la ligne ${index + 1}`} placeholder="Description (facultatif)" className="h-8 text-xs md:text-xs" />
                </div>
                <div className="flex flex-col gap-1">
                  <Input {...inputProps(item.quantity)} inputMode="decimal" placeholder="Qté" className="text-right tabular-nums" aria-label={`Quantité de la ligne ${index + 1}`} />
                  <FieldError id={item.quantity.errorId} errors={item.quantity.errors} />
                </div>
                <div className="flex flex-col gap-1">
                  <Input {...inputProps(item.unit_price)} inputMode="numeric" placeholder="Prix unitaire" className="text-right tabular-nums" aria-label={`Prix unitaire de la ligne ${index + 1}`} />
                  <FieldError id={item.unit_price.errorId} errors={item.unit_price.errors} />
                </div>
                <output className="flex h-10 items-center justify-end text-sm text-muted-foreground tabular-nums" aria-label={`Total estimé de la ligne ${index + 1}`}>
                  {estimateXOF(estimate.lines[index] ?? 0)}
                </output>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Supprimer la ligne ${index + 1}`}
                  disabled={lines.length <= 1}
                  {...form.remove.getButtonProps({ name: fields.items.name as never, index })}
                >
                  <Trash2Icon aria-hidden="true" />
                </Button>
              </li>
            )
          })}
        </ol>
        <FieldError id={fields.items.errorId} errors={fields.items.errors} />
        <Button
          variant="outline"
          className="self-start"
          {...form.insert.getButtonProps({ name: fields.items.name as never, defaultValue: { label: '', quantity: '1', unit_price: '' } as never })}
        >
          <PlusIcon aria-hidden="true" /> Ajouter une ligne
        </Button>
      </fieldset>

      <div className="flex flex-col gap-4 md:flex-row md:items-start md:justify-between">
        <div className="grid flex-1 gap-4 md:max-w-xl">
          <Area field={fields.notes} label="Notes (imprimées sur le document)" />
          {kind === 'devis' && <Area field={fields.terms} label="Conditions" />}
        </div>
        <section aria-label="Totaux estimés" className="w-full rounded-lg border border-dashed p-4 text-sm md:w-80">
          <p className="mb-2 text-xs text-muted-foreground">Estimation pendant la saisie. Les totaux officiels sont calculés par la base à l’enregistrement.</p>
          <dl className="grid grid-cols-[1fr_auto] gap-y-1 tabular-nums">
            <dt className="text-muted-foreground">Total HT</dt>
            <dd className="text-right">{estimateXOF(estimate.subtotal)}</dd>
            <dt className="text-muted-foreground">TVA</dt>
            <dd className="text-right">{estimateXOF(estimate.vat)}</dd>
            <dt className="font-medium">Total TTC (estimation)</dt>
            <dd className="text-right font-medium">{estimateXOF(estimate.total)}</dd>
          </dl>
        </section>
      </div>
      <div>
        <Button type="submit" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </Form>
  )
}

function inputProps(field: FieldMetadata<unknown>) {
  const { key: _key, ...props } = getInputProps(field, { type: 'text' })
  return { ...props, id: field.id, 'aria-invalid': field.errors?.length ? true : undefined }
}

function Text({
  field,
  label,
  type = 'text',
  description,
  className,
  inputMode,
}: {
  field: FieldMetadata<unknown>
  label: string
  type?: 'text' | 'date'
  description?: string
  className?: string
  inputMode?: 'decimal' | 'numeric'
}) {
  const { key: _key, ...props } = getInputProps(field, { type })
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={field.id}>{label}</Label>
      <Input {...props} id={field.id} inputMode={inputMode} aria-invalid={field.errors?.length ? true : undefined} />
      {description && <p className="text-xs text-muted-foreground">{description}</p>}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  )
}

function Area({ field, label }: { field: FieldMetadata<unknown>; label: string }) {
  const { key: _key, ...props } = getTextareaProps(field)
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={field.id}>{label}</Label>
      <Textarea {...props} id={field.id} rows={3} />
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  )
}

function Select({ field, label, options, placeholder }: { field: FieldMetadata<unknown>; label: string; options: Option[]; placeholder: string }) {
  const { key: _key, ...props } = getSelectProps(field)
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={field.id}>{label}</Label>
      <NativeSelect {...props} id={field.id} aria-invalid={field.errors?.length ? true : undefined}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  )
}
