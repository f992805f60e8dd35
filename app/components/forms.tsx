// App-level form helpers on top of ui/field: one call wires the label, the
// control, the help text and the error message with the ids and ARIA
// attributes screen readers need (aria-invalid, aria-describedby).
// TextField lives in text-field.tsx: pages without a text input (a comment,
// a reply) do not download the input's styles (docs/decisions/007).
import { useId } from 'react'
import type * as React from 'react'
import { Field, FieldDescription, FieldError, FieldLabel } from './ui/field.tsx'
import { Textarea } from './ui/textarea.tsx'

export type FieldErrors = readonly string[] | undefined | null

/** Ids of a control and of its help and error texts, and the aria-describedby that joins them. */
export function useFieldIds(id: string | undefined, hasDescription: boolean, hasErrors: boolean) {
  const fallback = useId()
  const controlId = id ?? fallback
  const descriptionId = `${controlId}-description`
  const errorId = `${controlId}-error`
  const describedBy = [hasDescription && descriptionId, hasErrors && errorId].filter(Boolean).join(' ') || undefined
  return { controlId, descriptionId, errorId, describedBy }
}

export function TextareaField({
  label,
  description,
  errors,
  className,
  textareaProps,
}: {
  label: React.ReactNode
  description?: React.ReactNode
  errors?: FieldErrors
  className?: string
  textareaProps: React.ComponentProps<'textarea'>
}) {
  const hasErrors = Boolean(errors?.length)
  const ids = useFieldIds(textareaProps.id, Boolean(description), hasErrors)
  return (
    <Field invalid={hasErrors} className={className}>
      <FieldLabel htmlFor={ids.controlId}>{label}</FieldLabel>
      <Textarea
        {...textareaProps}
        id={ids.controlId}
        aria-invalid={hasErrors || undefined}
        aria-describedby={ids.describedBy}
      />
      {description && <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>}
      <FieldError id={ids.errorId} errors={errors} />
    </Field>
  )
}

/** A message for the whole form (wrong password, rate limit…), announced politely. */
export function FormError({ id, message }: { id?: string; message?: string | null }) {
  if (!message) return null
  return (
    <div id={id} role="alert" className="ui-form-error">
      {message}
    </div>
  )
}

export function FormNotice({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <div role="status" className="ui-form-notice">
      {message}
    </div>
  )
}
