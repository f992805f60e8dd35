// A labelled native <select>: works without JavaScript, the phone's own
// picker on mobile, and submits with the form like any field.
import { useId } from 'react'
import { FieldError } from '~/components/ui/field.tsx'

export function SelectField({
  label,
  name,
  options,
  defaultValue,
  errors,
  description,
}: {
  label: string
  name: string
  options: Array<{ value: string; label: string }>
  defaultValue?: string
  errors?: string[]
  description?: string
}) {
  const id = useId()
  const invalid = Boolean(errors?.length)
  return (
    <div className="flex flex-col gap-2" data-invalid={invalid || undefined}>
      <label htmlFor={id} className="text-sm leading-snug font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : description ? `${id}-description` : undefined}
        className="h-10 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40 focus-visible:outline-none aria-invalid:border-destructive"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {description && (
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  )
}
