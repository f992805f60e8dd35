// Conform + zod wiring for the back office's forms: the same schema
// validates in the browser (on blur, then as you type) and in the action;
// after a server-side refusal `lastResult` brings back the typed values and
// the messages, so nothing typed is lost.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ZodType } from 'zod'
import { TextareaField, FormError } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Field, FieldDescription, FieldError, FieldLabel } from '~/components/ui/field.tsx'
import { NativeSelect } from '~/components/ui/native-select.tsx'

export { FormError }

export function useZodForm<S extends ZodType>(
  schema: S,
  options: { id?: string; lastResult?: SubmissionResult<string[]> | null | unknown; defaultValue?: Record<string, unknown> },
) {
  const lastResult = isSubmissionResult(options.lastResult) ? options.lastResult : undefined
  const [form, fields] = useForm({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue as never,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return { form, fields: fields as Record<string, FieldMetadata<unknown>>, formProps: getFormProps(form) }
}

/** Only results that belong to a conform submission (actions may return other shapes). */
function isSubmissionResult(value: unknown): value is SubmissionResult<string[]> {
  return typeof value === 'object' && value !== null && ('status' in value || 'initialValue' in value || 'error' in value)
}

export function ZText({
  field,
  label,
  type = 'text',
  description,
  className,
  ...rest
}: {
  field: FieldMetadata<unknown>
  label: React.ReactNode
  type?: 'text' | 'email' | 'date' | 'number' | 'tel' | 'url' | 'color'
  description?: React.ReactNode
  className?: string
} & Omit<React.ComponentProps<'input'>, 'type'>) {
  const { key, ...props } = getInputProps(field, { type })
  return (
    <TextField
      key={key}
      label={label}
      description={description}
      errors={field.errors}
      className={className}
      inputProps={{ ...props, ...rest, id: field.id }}
    />
  )
}

export function ZTextarea({
  field,
  label,
  description,
  className,
  rows = 4,
}: {
  field: FieldMetadata<unknown>
  label: React.ReactNode
  description?: React.ReactNode
  className?: string
  rows?: number
}) {
  const { key, ...props } = getTextareaProps(field)
  return (
    <TextareaField
      key={key}
      label={label}
      description={description}
      errors={field.errors}
      className={className}
      textareaProps={{ ...props, rows, id: field.id }}
    />
  )
}

export function ZSelect({
  field,
  label,
  options,
  placeholder,
  description,
  className,
}: {
  field: FieldMetadata<unknown>
  label: React.ReactNode
  options: { value: string; label: string }[]
  placeholder?: string
  description?: React.ReactNode
  className?: string
}) {
  const { key, ...props } = getSelectProps(field)
  const invalid = Boolean(field.errors?.length)
  return (
    <Field invalid={invalid} className={className}>
      <FieldLabel htmlFor={field.id}>{label}</FieldLabel>
      <NativeSelect key={key} {...props} id={field.id} aria-invalid={invalid || undefined} aria-describedby={invalid ? field.errorId : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
      {description && <FieldDescription>{description}</FieldDescription>}
      <FieldError id={field.errorId} errors={field.errors} />
    </Field>
  )
}

export function ZCheckbox({
  field,
  label,
  description,
}: {
  field: FieldMetadata<unknown>
  label: React.ReactNode
  description?: React.ReactNode
}) {
  const { key, ...props } = getInputProps(field, { type: 'checkbox' })
  return (
    <div className="flex items-start gap-3">
      <input key={key} {...props} id={field.id} className="mt-0.5 size-4 accent-primary" />
      <div className="flex flex-col gap-0.5">
        <label htmlFor={field.id} className="text-sm font-medium">
          {label}
        </label>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
        <FieldError id={field.errorId} errors={field.errors} />
      </div>
    </div>
  )
}
