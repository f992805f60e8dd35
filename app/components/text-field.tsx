import type * as React from 'react'
import { type FieldFrameProps, LabelledField } from './forms.tsx'
import { Input } from './ui/input.tsx'

/** A labelled text input with its help and error texts (see forms.tsx). */
export function TextField({
  aside,
  inputProps,
  ...frame
}: FieldFrameProps & {
  /** Shown at the end of the label row, outside the label (e.g. a link). */
  aside?: React.ReactNode
  inputProps: React.ComponentProps<'input'>
}) {
  return (
    <LabelledField id={inputProps.id} aside={aside} {...frame}>
      {(control) => <Input {...inputProps} {...control} />}
    </LabelledField>
  )
}
