import type * as React from 'react'
import { cn } from '~/lib/utils.ts'
import { Label } from './label.tsx'

function FieldSet({ className, ...props }: React.ComponentProps<'fieldset'>) {
  return <fieldset data-slot="field-set" className={cn('flex flex-col gap-5', className)} {...props} />
}

function FieldLegend({ className, ...props }: React.ComponentProps<'legend'>) {
  return <legend data-slot="field-legend" className={cn('mb-2 text-base font-medium', className)} {...props} />
}

function FieldGroup({ className, ...props }: React.ComponentProps<'div'>) {
  return <div data-slot="field-group" className={cn('flex w-full flex-col gap-5', className)} {...props} />
}

/** Wraps one control with its label, help and error; `data-invalid` colours the label. */
function Field({
  className,
  orientation = 'vertical',
  invalid,
  ...props
}: React.ComponentProps<'div'> & { orientation?: 'vertical' | 'horizontal'; invalid?: boolean }) {
  return (
    <div
      role="group"
      data-slot="field"
      data-orientation={orientation}
      data-invalid={invalid ? 'true' : undefined}
      className={cn(
        'group/field flex w-full gap-2 data-[invalid=true]:text-destructive',
        orientation === 'horizontal'
          ? 'flex-row items-center [&>[data-slot=field-label]]:flex-auto'
          : 'flex-col [&>*]:w-full',
        className,
      )}
      {...props}
    />
  )
}

function FieldLabel({ className, ...props }: React.ComponentProps<typeof Label>) {
  return <Label data-slot="field-label" className={cn('ui-field-label', className)} {...props} />
}

function FieldDescription({ className, ...props }: React.ComponentProps<'p'>) {
  return (
    <p data-slot="field-description" className={cn('ui-field-description', className)} {...props} />
  )
}

/** Error text; give it the id the control points at with aria-describedby. */
function FieldError({
  className,
  errors,
  children,
  ...props
}: React.ComponentProps<'div'> & { errors?: readonly (string | undefined | null)[] | null }) {
  const messages = (errors ?? []).filter((m): m is string => Boolean(m))
  const content =
    children ??
    (messages.length === 1 ? (
      messages[0]
    ) : messages.length > 1 ? (
      <ul className="ml-4 flex list-disc flex-col gap-1">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    ) : null)
  if (!content) return null
  return (
    <div data-slot="field-error" className={cn('ui-field-error', className)} {...props}>
      {content}
    </div>
  )
}

export { Field, FieldDescription, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet }
