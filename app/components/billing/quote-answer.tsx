// "Bon pour accord" (typed full name + ticked box) and refusal with a reason.
// Plain forms told apart by `intent`: they work without JavaScript, and what
// was typed comes back from the action on a validation error.
import { Form, useNavigation } from 'react-router'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { formatXOF } from '~/lib/format.ts'

export interface QuoteAnswerState {
  intent?: 'accepter' | 'refuser'
  values?: { signerName?: string; reason?: string; consent?: boolean }
  fieldErrors?: Partial<Record<'signerName' | 'consent' | 'reason', string[]>>
  formError?: string
}

export function QuoteAnswer({ total, state, placeholderName }: { total: number; state: QuoteAnswerState | undefined; placeholderName: string }) {
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const acceptState = state?.intent === 'accepter' ? state : undefined
  const declineState = state?.intent === 'refuser' ? state : undefined
  return (
    <section aria-labelledby="reponse-titre" className="rounded-xl border p-4 sm:p-5">
      <h2 id="reponse-titre" className="font-semibold">
        Votre réponse
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        En acceptant, vous donnez votre bon pour accord sur ce devis de {formatXOF(total)} TTC. La date, l’heure et votre
        nom sont enregistrés.
      </p>
      <Form method="post" className="mt-4 flex flex-col gap-4" aria-label="Accepter le devis">
        <input type="hidden" name="intent" value="accepter" />
        <FormError message={acceptState?.formError} />
        <TextField
          label="Votre nom complet"
          errors={acceptState?.fieldErrors?.signerName}
          inputProps={{
            name: 'signerName',
            autoComplete: 'name',
            placeholder: placeholderName,
            defaultValue: acceptState?.values?.signerName ?? '',
            maxLength: 160,
            required: true,
          }}
        />
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-3 text-sm">
            <input
              type="checkbox"
              name="consent"
              required
              defaultChecked={acceptState?.values?.consent ?? false}
              aria-invalid={acceptState?.fieldErrors?.consent ? true : undefined}
              aria-describedby={acceptState?.fieldErrors?.consent ? 'consent-error' : undefined}
              className="mt-0.5 size-4 shrink-0 accent-foreground"
            />
            <span>
              <strong>Bon pour accord.</strong> J’accepte ce devis, son montant et ses conditions.
            </span>
          </label>
          {acceptState?.fieldErrors?.consent && (
            <p id="consent-error" className="text-sm text-destructive">
              {acceptState.fieldErrors.consent[0]}
            </p>
          )}
        </div>
        <Button type="submit" className="w-full sm:w-fit" disabled={submitting === 'accepter'}>
          {submitting === 'accepter' ? 'Enregistrement…' : 'Accepter le devis'}
        </Button>
      </Form>

      <details className="mt-6 border-t pt-4" open={Boolean(declineState)}>
        <summary className="cursor-pointer text-sm font-medium">Refuser ce devis</summary>
        <Form method="post" className="mt-3 flex flex-col gap-4" aria-label="Refuser le devis">
          <input type="hidden" name="intent" value="refuser" />
          <FormError message={declineState?.formError} />
          <TextareaField
            label="Raison du refus"
            description="Elle aide NOURX à vous proposer une meilleure offre."
            errors={declineState?.fieldErrors?.reason}
            textareaProps={{
              name: 'reason',
              rows: 3,
              maxLength: 1000,
              required: true,
              defaultValue: declineState?.values?.reason ?? '',
            }}
          />
          <Button type="submit" variant="outline" className="w-full sm:w-fit" disabled={submitting === 'refuser'}>
            {submitting === 'refuser' ? 'Enregistrement…' : 'Refuser le devis'}
          </Button>
        </Form>
      </details>
    </section>
  )
}
