// Attachments picker: several files, checked in the browser with the same
// rule as the server (size, type, count) so a wrong file is refused before a
// long upload on a slow connection — the server checks again anyway.
import { PaperclipIcon } from '~/components/icons.tsx'
import { useId, useState } from 'react'
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_FILES } from '~/lib/tickets/labels.ts'
import { checkAttachments } from '~/lib/tickets/attachment-rules.ts'
import { formatBytes } from '~/lib/format.ts'

export function AttachmentsInput({ name = 'attachments', serverError }: { name?: string; serverError?: string | null }) {
  const id = useId()
  const [files, setFiles] = useState<File[]>([])
  const [error, setError] = useState<string | null>(null)
  const shown = error ?? serverError ?? null
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="flex w-fit cursor-pointer flex-col gap-0.5 text-sm font-medium">
        <span className="flex items-center gap-2">
          <PaperclipIcon className="size-4" aria-hidden="true" />
          Pièces jointes
        </span>
        <span className="font-normal text-muted-foreground">
          Facultatif : {ATTACHMENT_MAX_FILES} fichiers de 25 Mo au plus (PDF, images, Office, ZIP, texte).
        </span>
      </label>
      <input
        id={id}
        type="file"
        name={name}
        multiple
        accept={ATTACHMENT_ACCEPT}
        aria-invalid={shown ? true : undefined}
        aria-describedby={shown ? `${id}-error` : undefined}
        onChange={(event) => {
          const input = event.currentTarget
          const chosen = Array.from(input.files ?? [])
          const problem = checkAttachments(chosen)
          setError(problem)
          if (problem) input.value = ''
          setFiles(problem ? [] : chosen)
        }}
        className="text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
      />
      {files.length > 0 && (
        <ul className="text-sm text-muted-foreground">
          {files.map((f) => (
            <li key={`${f.name}-${f.size}`}>
              {f.name} · {formatBytes(f.size)}
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {shown}
        </p>
      )}
    </div>
  )
}
