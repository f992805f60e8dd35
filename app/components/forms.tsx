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

/** What every labelled field takes besides its control's own props. */
export interface FieldFrameProps {
  label: React.ReactNode
  description?: React.ReactNode
  errors?: FieldErrors
  className?: string
}

/** The props that tie a control to its label, help and error texts. */
export interface ControlWiring {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/**
 * The frame of every labelled field (TextField, TextareaField, SelectField):
 * label, the control the caller renders with the wiring it is given, help
 * text and error message.
 */
export function LabelledField({
  id,
  label,
  aside,
  description,
  errors,
  className,
  children,
}: FieldFrameProps & {
  /** The control's own id, if it has one; otherwise one is made up. */
  id?: string
  /** Shown at the end of the label row, outside the label (e.g. a link). */
  aside?: React.ReactNode
  children: (control: ControlWiring) => React.ReactNode
}) {
  const fallback = useId()
  const controlId = id ?? fallback
  const descriptionId = `${controlId}-description`
  const errorId = `${controlId}-error`
  const hasErrors = Boolean(errors?.length)
  const describedBy = [description && descriptionId, hasErrors && errorId].filter(Boolean).join(' ') || undefined
  const fieldLabel = <FieldLabel htmlFor={controlId}>{label}</FieldLabel>
  return (
    <Field invalid={hasErrors} className={className}>
      {aside ? (
        <div className="flex items-center justify-between gap-4">
          {fieldLabel}
          {aside}
        </div>
      ) : (
        fieldLabel
      )}
      {children({ id: controlId, 'aria-invalid': hasErrors || undefined, 'aria-describedby': describedBy })}
      {description && <FieldDescription id={descriptionId}>{description}</FieldDescription>}
      <FieldError id={errorId} errors={errors} />
    </Field>
  )
}

export function TextareaField({
  textareaProps,
  ...frame
}: FieldFrameProps & { textareaProps: React.ComponentProps<'textarea'> }) {
  return (
    <LabelledField id={textareaProps.id} {...frame}>
      {(control) => <Textarea {...textareaProps} {...control} />}
    </LabelledField>
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
