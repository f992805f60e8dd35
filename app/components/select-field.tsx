import type * as React from 'react'
import { type FieldErrors, useFieldIds } from './forms.tsx'
import { Field, FieldDescription, FieldError, FieldLabel } from './ui/field.tsx'
import { NativeSelect } from './ui/native-select.tsx'

/**
 * A labelled native <select> with its help and error texts (see forms.tsx):
 * works without JavaScript, opens the phone's own picker, submits with the form.
 */
export function SelectField({
  label,
  description,
  errors,
  className,
  options,
  selectProps,
}: {
  label: React.ReactNode
  description?: React.ReactNode
  errors?: FieldErrors
  className?: string
  options: Array<{ value: string; label: string }>
  selectProps: React.ComponentProps<'select'>
}) {
  const hasErrors = Boolean(errors?.length)
  const ids = useFieldIds(selectProps.id, Boolean(description), hasErrors)
  return (
    <Field invalid={hasErrors} className={className}>
      <FieldLabel htmlFor={ids.controlId}>{label}</FieldLabel>
      <NativeSelect
        {...selectProps}
        id={ids.controlId}
        aria-invalid={hasErrors || undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      {description && <FieldDescription id={ids.descriptionId}>{description}</FieldDescription>}
      <FieldError id={ids.errorId} errors={errors} />
    </Field>
  )
}
