import { CheckCircle2Icon, UploadCloudIcon, XCircleIcon } from '~/components/icons.tsx'
import { useId, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { Button } from '~/components/ui/button.tsx'
import { Progress } from '~/components/ui/progress.tsx'
import {
  ACCEPT_ATTRIBUTE,
  fileProblem,
  formatBytes,
  MAX_FILE_BYTES,
  MAX_FILES_PER_UPLOAD,
} from '~/lib/documents/files.ts'
import type { UploadResponse } from '~/lib/documents/schemas.ts'
import { cn } from '~/lib/utils.ts'

type Row = {
  key: string
  name: string
  path?: string
  size: number
  progress: number
  state: 'waiting' | 'sending' | 'done' | 'error'
  error?: string
}

const ENDPOINT = '/api/documents/televersement'

async function postJson(body: unknown): Promise<UploadResponse> {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  })
  try {
    return (await res.json()) as UploadResponse
  } catch {
    return {
      ok: false,
      message: res.status === 403 ? 'Session expirée : reconnectez-vous.' : 'Le serveur n’a pas répondu correctement.',
    }
  }
}

/** PUT of one file to its signed upload URL, with progress (fetch has no upload progress; XHR does). */
function putFile(url: string, file: File, contentType: string, apikey: string, onProgress: (p: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    xhr.setRequestHeader('Content-Type', contentType)
    xhr.setRequestHeader('apikey', apikey)
    xhr.setRequestHeader('x-upsert', 'false')
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((100 * e.loaded) / e.total))
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve()
      let message = `Envoi refusé (${xhr.status}).`
      try {
        const body = JSON.parse(xhr.responseText) as { error?: string; message?: string; statusCode?: string }
        if (body.statusCode === '413' || /size/i.test(body.message ?? ''))
          message = `Fichier trop volumineux (${formatBytes(MAX_FILE_BYTES)} au plus).`
        else if (/mime/i.test(body.error ?? body.message ?? '')) message = 'Type de fichier non accepté.'
      } catch {
        /* keep the generic message */
      }
      reject(new Error(message))
    }
    xhr.onerror = () => reject(new Error('Connexion interrompue pendant l’envoi.'))
    xhr.send(file)
  })
}

/**
 * Drag-and-drop (or pick) several files, each with its own progress bar.
 * Limits are checked here first, then by the action, then by the bucket.
 */
export function Uploader({
  projectId,
  folder,
  folders,
  taskId,
  compact = false,
}: {
  projectId: string
  /** Folder chosen by default (the one being viewed). */
  folder: string
  /** Existing folders offered in the list. */
  folders: string[]
  taskId?: string
  compact?: boolean
}) {
  const input = useRef<HTMLInputElement>(null)
  const folderId = useId()
  const [target, setTarget] = useState(folder)
  const [rows, setRows] = useState<Row[]>([])
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [over, setOver] = useState(false)
  const revalidator = useRevalidator()

  const patch = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)))

  async function send(list: File[]) {
    if (busy || list.length === 0) return
    const local: string[] = []
    if (list.length > MAX_FILES_PER_UPLOAD)
      local.push(`${MAX_FILES_PER_UPLOAD} fichiers au plus par envoi : les suivants sont ignorés.`)
    const candidates = list.slice(0, MAX_FILES_PER_UPLOAD)
    const accepted = candidates.filter((f) => {
      const problem = fileProblem(f)
      if (problem) local.push(problem)
      return !problem
    })
    setProblems(local)
    if (accepted.length === 0) return
    const folderName = target.trim() || 'Général'
    const batch = accepted.map((f, i) => ({ file: f, key: `${Date.now()}-${i}-${f.name}` }))
    setRows(batch.map(({ file, key }) => ({ key, name: file.name, size: file.size, progress: 0, state: 'waiting' })))
    setBusy(true)
    try {
      const signed = await postJson({
        intent: 'sign',
        projectId,
        taskId: taskId ?? null,
        files: accepted.map((f) => ({ name: f.name, size: f.size, type: f.type })),
      })
      if (!signed.ok || signed.intent !== 'sign') {
        const failure = signed.ok ? 'Réponse inattendue.' : signed.message
        setProblems((p) => [...p, failure, ...(!signed.ok && signed.problems ? signed.problems : [])])
        setRows((all) => all.map((r) => ({ ...r, state: 'error', error: failure })))
        return
      }
      // Two transfers at a time: a phone on a slow link gains nothing from more.
      const sent: { path: string; fileName: string }[] = []
      let next = 0
      const worker = async () => {
        while (next < batch.length) {
          const i = next++
          const { file, key } = batch[i]
          const upload = signed.uploads[i]
          patch(key, { state: 'sending' })
          try {
            await putFile(upload.signedUrl, file, upload.contentType, signed.apikey, (progress) =>
              patch(key, { progress }),
            )
            patch(key, { progress: 100 })
            sent.push({ path: upload.path, fileName: file.name })
            patch(key, { path: upload.path })
          } catch (error) {
            patch(key, { state: 'error', error: (error as Error).message })
          }
        }
      }
      await Promise.all([worker(), worker()])
      if (sent.length === 0) return
      const confirmed = await postJson({
        intent: 'confirm',
        projectId,
        folder: folderName,
        taskId: taskId ?? null,
        files: sent,
      })
      if (!confirmed.ok) setProblems((p) => [...p, confirmed.message, ...(confirmed.problems ?? [])])
      const saved = new Set(
        confirmed.ok && confirmed.intent === 'confirm' ? confirmed.documents.map((d) => d.path) : [],
      )
      setRows((all) =>
        all.map((r) =>
          r.state === 'error'
            ? r
            : r.path && saved.has(r.path)
              ? { ...r, state: 'done' }
              : { ...r, state: 'error', error: 'Non enregistré.' },
        ),
      )
      revalidator.revalidate()
    } catch {
      setProblems((p) => [...p, 'L’envoi a échoué : vérifiez votre connexion puis réessayez.'])
      setRows((all) => all.map((r) => (r.state === 'done' ? r : { ...r, state: 'error' })))
    } finally {
      setBusy(false)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <div className="flex flex-col gap-3">
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
          void send([...e.dataTransfer.files])
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
        <p className="text-xs text-muted-foreground">
          PDF, images, Office, OpenDocument, ZIP, texte · {formatBytes(MAX_FILE_BYTES)} max. par fichier ·{' '}
          {MAX_FILES_PER_UPLOAD} fichiers max.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="sr-only"
          aria-label="Fichiers à envoyer"
          onChange={(e) => void send([...(e.target.files ?? [])])}
        />
      </div>
      {problems.length > 0 && (
        <ul
          role="alert"
          className="flex flex-col gap-1 rounded-md border border-destructive/30 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <ul className="flex flex-col gap-2" aria-live="polite">
          {rows.map((r) => (
            <li key={r.key} className="flex flex-col gap-1 rounded-md border px-3 py-2">
              <div className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate">{r.name}</span>
                <span className="flex shrink-0 items-center gap-1 text-xs text-muted-foreground">
                  {formatBytes(r.size)}
                  {r.state === 'done' && <CheckCircle2Icon className="size-4 text-success" aria-label="Envoyé" />}
                  {r.state === 'error' && <XCircleIcon className="size-4 text-danger" aria-label="Échec" />}
                </span>
              </div>
              {r.state === 'error' ? (
                <p className="text-xs text-danger">{r.error ?? 'Échec de l’envoi.'}</p>
              ) : (
                <Progress value={r.progress} aria-label={`Envoi de ${r.name}`} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
