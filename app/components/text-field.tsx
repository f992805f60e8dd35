import type * as React from 'react'
import { type FieldErrors, useFieldIds } from './forms.tsx'
import { Field, FieldDescription, FieldError, FieldLabel } from './ui/field.tsx'
import { Input } from './ui/input.tsx'

/** A labelled text input with its help and error texts (see forms.tsx). */
export function TextField({
  label,
  aside,
  description,
  errors,
  className,
  inputProps,
}: {
  label: React.ReactNode
  /** Shown at the end of the label row, outside the label (e.g. a link). */
  aside?: React.ReactNode
  description?: React.ReactNode
  errors?: FieldErrors
  className?: string
  inputProps: React.ComponentProps<'input'>
}) {
  const hasErrors = Boolean(errors?.length)
  const ids = useFieldIds(inputProps.id, Boolean(description), hasErrors)
  return (
    <Field invalid={hasErrors} className={className}>
      {aside ? (
        <div className="flex items-center justify-between gap-4">
          <FieldLabel htmlFor={ids.controlId}>{label}</FieldLabel>
          {aside}
        </div>
      ) : (
        <FieldLabel htmlFor={ids.controlId}>{label}</FieldLabel>
      )}
      <Input
        {...inputProps}
        id={ids.controlId}
        aria-invalid={hasErrors || undefined}
        aria-describedby={ids.describedBy}
      />
      {description && <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>}
      <FieldError id={ids.errorId} errors={errors} />
    </Field>
  )
}
