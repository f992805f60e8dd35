import type * as React from 'react'
import { type FieldFrameProps, LabelledField } from './forms.tsx'
import { NativeSelect } from './ui/native-select.tsx'

/**
 * A labelled native <select> with its help and error texts (see forms.tsx):
 * works without JavaScript, opens the phone's own picker, submits with the form.
 */
export function SelectField({
  options,
  selectProps,
  ...frame
}: FieldFrameProps & {
  options: Array<{ value: string; label: string }>
  selectProps: React.ComponentProps<'select'>
}) {
  return (
    <LabelledField id={selectProps.id} {...frame}>
      {(control) => (
        <NativeSelect {...selectProps} {...control}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect>
      )}
    </LabelledField>
  )
}
