// The upload zone of the Documents page and of a task sheet. This half is
// what the page renders: the zone, the file picker and the destination
// folder. The sending half (checks, signing, progress bars) is
// upload-queue.tsx, fetched on the first sign of intent — pointer over the
// zone, focus, a drag entering it — or at the latest when files are given:
// a phone that only reads the page never downloads it
// (docs/decisions/007-client-bundle-budget.md).
import { UploadCloudIcon } from '~/components/icons.tsx'
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react'
import { Button } from '~/components/ui/button.tsx'
import type { UploadRules } from '~/lib/documents/files.ts'
import { cn } from '~/lib/utils.ts'

/** Files handed to the queue in one drop or selection; `id` tells batches apart. */
export interface UploadBatch {
  id: number
  files: File[]
  folder: string
}

/** Shown when the sending half cannot be fetched: a deploy renamed it, or the connection dropped. */
function QueueUnavailable({ onSettled }: { onSettled: () => void }) {
  useEffect(onSettled, [onSettled])
  return (
    <p role="alert" className="ui-form-error">
      L’envoi n’a pas pu démarrer : rechargez la page puis réessayez.
    </p>
  )
}

const loadQueue = () => import('./upload-queue.tsx')
const UploadQueue = lazy(() => loadQueue().catch(() => ({ default: QueueUnavailable })))

/** Drag-and-drop (or pick) several files; the queue shows each one's progress. */
export function Uploader({
  projectId,
  folder,
  folders,
  taskId,
  rules,
  compact = false,
}: {
  projectId: string
  /** Folder chosen by default (the one being viewed). */
  folder: string
  /** Existing folders offered in the list. */
  folders: string[]
  taskId?: string
  /** Accepted types and the limits shown, from the loader (uploadRules()). */
  rules: UploadRules
  compact?: boolean
}) {
  const input = useRef<HTMLInputElement>(null)
  const folderId = useId()
  const [target, setTarget] = useState(folder)
  const [batch, setBatch] = useState<UploadBatch | null>(null)
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const warmUp = () => void loadQueue().catch(() => {})
  const settled = useCallback(() => setBusy(false), [])

  function start(files: File[]) {
    if (busy || files.length === 0) return
    setBusy(true)
    setBatch((previous) => ({ id: (previous?.id ?? 0) + 1, files, folder: target.trim() || 'Général' }))
    if (input.current) input.current.value = ''
  }

  return (
    <div className="flex flex-col gap-3" onPointerEnter={warmUp} onFocus={warmUp} onDragEnter={warmUp}>
      {!taskId && (
        <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
          <label htmlFor={folderId} className="text-sm font-medium">
            Dossier de destination
          </label>
          <input
            id={folderId}
            list={`${folderId}-list`}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            maxLength={80}
            className="h-9 rounded-md border border-input bg-background px-3 text-sm shadow-xs sm:w-64"
          />
          <datalist id={`${folderId}-list`}>
            {folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </div>
      )}
      <div
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          start([...e.dataTransfer.files])
        }}
        className={cn(
          'flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed text-center transition-colors',
          compact ? 'px-4 py-5' : 'px-6 py-8',
          over ? 'border-foreground bg-accent' : 'border-border',
        )}
        data-testid="zone-depot"
      >
        <UploadCloudIcon className="size-6 text-muted-foreground" aria-hidden="true" />
        <p className="text-sm">
          <span className="hidden sm:inline">Glissez vos fichiers ici ou </span>
          <Button
            type="button"
            variant="link"
            className="h-auto p-0"
            onClick={() => input.current?.click()}
            disabled={busy}
          >
            {compact ? 'joindre des fichiers' : 'choisissez des fichiers'}
          </Button>
        </p>
        <p className="text-xs text-muted-foreground">{rules.hint}</p>
        <input
          ref={input}
          type="file"
          multiple
          accept={rules.accept}
          className="sr-only"
          aria-label="Fichiers à envoyer"
          onChange={(e) => start([...(e.target.files ?? [])])}
        />
      </div>
      {batch && (
        <Suspense fallback={<p className="text-sm text-muted-foreground">Préparation de l’envoi…</p>}>
          <UploadQueue batch={batch} projectId={projectId} taskId={taskId} onSettled={settled} />
        </Suspense>
      )}
    </div>
  )
}
