// The sending half of the uploader: checks each file, signs the batch, sends
// the files two at a time with a progress bar each, then confirms them. Loaded
// on the first sign of intent (see uploader.tsx), so the pages that embed the
// uploader do not carry it on first load (docs/decisions/007-client-bundle-budget.md).
import { CheckCircle2Icon, XCircleIcon } from '~/components/icons.tsx'
import { useEffect, useRef, useState } from 'react'
import { useRevalidator } from 'react-router'
import { Progress } from '~/components/ui/progress.tsx'
import { fileProblem, MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from '~/lib/documents/files.ts'
import type { UploadResponse } from '~/lib/documents/schemas.ts'
import { formatBytes } from '~/lib/format.ts'
import type { UploadBatch } from './uploader.tsx'

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
 * Sends each batch the uploader hands over, once, and shows how it went.
 * Limits are checked here first, then by the action, then by the bucket.
 */
export default function UploadQueue({
  batch,
  projectId,
  taskId,
  onSettled,
}: {
  batch: UploadBatch
  projectId: string
  taskId?: string
  /** Called when the batch is over, whatever its outcome: the zone accepts files again. */
  onSettled: () => void
}) {
  const [rows, setRows] = useState<Row[]>([])
  const [problems, setProblems] = useState<string[]>([])
  const revalidator = useRevalidator()
  // Effects run twice in development (StrictMode): a batch is sent once.
  const sentBatch = useRef(0)

  const patch = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)))

  async function send({ files: list, folder }: UploadBatch) {
    const local: string[] = []
    if (list.length > MAX_FILES_PER_UPLOAD)
      local.push(`${MAX_FILES_PER_UPLOAD} fichiers au plus par envoi : les suivants sont ignorés.`)
    const candidates = list.slice(0, MAX_FILES_PER_UPLOAD)
    const accepted = candidates.filter((f) => {
      const problem = fileProblem(f)
      if (problem) local.push(problem)
      return !problem
    })
    const batchRows = accepted.map((f, i) => ({ file: f, key: `${Date.now()}-${i}-${f.name}` }))
    setProblems(local)
    setRows(batchRows.map(({ file, key }) => ({ key, name: file.name, size: file.size, progress: 0, state: 'waiting' })))
    if (accepted.length === 0) return
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
        while (next < batchRows.length) {
          const i = next++
          const { file, key } = batchRows[i]
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
      const confirmed = await postJson({ intent: 'confirm', projectId, folder, taskId: taskId ?? null, files: sent })
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
    }
  }

  useEffect(() => {
    if (sentBatch.current === batch.id) return
    sentBatch.current = batch.id
    void send(batch).finally(onSettled)
  }, [batch]) // one send per batch, keyed by its id

  return (
    <>
      {problems.length > 0 && (
        <ul
          role="alert"
          className="ui-form-error flex flex-col gap-1"
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
    </>
  )
}
