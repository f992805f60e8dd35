// Manual payment (bank transfer or cash) with its reference and an optional
// proof file. ManualPaymentSchema validates here and in the action; the
// amount defaults to the balance due and the database refuses more.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useFetcher } from 'react-router'
import { FormError } from '~/components/forms.tsx'
import { Button } from '~/components/ui/button.tsx'
import { FieldError } from '~/components/ui/field.tsx'
import { Input } from '~/components/ui/input.tsx'
import { Label } from '~/components/ui/label.tsx'
import { NativeSelect } from '~/components/ui/native-select.tsx'
import { Textarea } from '~/components/ui/textarea.tsx'
import { ManualPaymentSchema, PAYMENT_METHOD_LABEL, PAYMENT_METHODS } from '~/lib/admin/billing/schemas.ts'
import { ACCEPT_ATTRIBUTE } from '~/lib/documents/files.ts'
import { formatXOF } from '~/lib/format.ts'

type Result = { intent?: string; ok?: boolean; result?: unknown; message?: string }

export function ManualPaymentForm({ balanceDue, today }: { balanceDue: number; today: string }) {
  const fetcher = useFetcher<Result>()
  const lastResult = fetcher.data?.intent === 'payment' && !fetcher.data.ok ? (fetcher.data.result as never) : undefined
  const [form, fields] = useForm({
    id: 'manual-payment',
    lastResult,
    defaultValue: { amount: String(balanceDue), method: 'transfer', paid_on: today },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ManualPaymentSchema }),
  })
  const { key: _a, ...amount } = getInputProps(fields.amount, { type: 'text' })
  const { key: _b, ...method } = getSelectProps(fields.method)
  const { key: _c, ...reference } = getInputProps(fields.reference, { type: 'text' })
  const { key: _d, ...paidOn } = getInputProps(fields.paid_on, { type: 'date' })
  const { key: _e, ...notes } = getTextareaProps(fields.notes)
  return (
    <fetcher.Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="flex flex-col gap-4">
      <input type="hidden" name="intent" value="payment" />
      <FormError message={form.errors?.[0]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={fields.amount.id}>Montant reçu (F CFA)</Label>
          <Input {...amount} id={fields.amount.id} inputMode="numeric" className="tabular-nums" />
          <p className="text-xs text-muted-foreground">Reste dû : {formatXOF(balanceDue)}</p>
          <FieldError id={fields.amount.errorId} errors={fields.amount.errors} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={fields.method.id}>Mode</Label>
          <NativeSelect {...method} id={fields.method.id}>
            {PAYMENT_METHODS.map((m) => (
              <option key={m} value={m}>
                {PAYMENT_METHOD_LABEL[m]}
              </option>
            ))}
          </NativeSelect>
          <FieldError id={fields.method.errorId} errors={fields.method.errors} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={fields.reference.id}>Référence (virement, reçu de caisse…)</Label>
          <Input {...reference} id={fields.reference.id} />
          <FieldError id={fields.reference.errorId} errors={fields.reference.errors} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={fields.paid_on.id}>Reçu le</Label>
          <Input {...paidOn} id={fields.paid_on.id} />
          <FieldError id={fields.paid_on.errorId} errors={fields.paid_on.errors} />
        </div>
        <div className="flex flex-col gap-1.5 sm:col-span-2">
          <Label htmlFor="payment-proof">Justificatif (facultatif)</Label>
          <Input id="payment-proof" type="file" name="proof" accept={ACCEPT_ATTRIBUTE} />
        </div>
        <div className="flex flex-col gap-1.5 sm:col-span-2">
          <Label htmlFor={fields.notes.id}>Note interne</Label>
          <Textarea {...notes} id={fields.notes.id} rows={2} />
        </div>
      </div>
      {fetcher.data?.intent === 'payment' && fetcher.data.ok && (
        <p role="status" className="text-sm text-success">
          {fetcher.data.message}
        </p>
      )}
      <Button type="submit" className="self-start" disabled={fetcher.state !== 'idle'}>
        {fetcher.state !== 'idle' ? 'Enregistrement…' : 'Enregistrer le paiement'}
      </Button>
    </fetcher.Form>
  )
}
