import { DownloadIcon, EyeIcon, FileIcon, FileSpreadsheetIcon, FileTextIcon, ImageIcon } from '~/components/icons.tsx'
import { Link, useLocation } from 'react-router'
import { isPreviewable } from '~/lib/documents/display.ts'
import { formatBytes } from '~/lib/format.ts'
import { formatDateTime } from '~/lib/format.ts'
import type { DocumentItem } from '~/lib/documents/list-documents.server.ts'

export function DocumentIcon({ mime, className }: { mime: string; className?: string }) {
  const Icon = mime.startsWith('image/')
    ? ImageIcon
    : mime === 'application/pdf' ||
        mime.startsWith('text/') ||
        mime.includes('word') ||
        mime.includes('opendocument.text')
      ? FileTextIcon
      : mime.includes('sheet') || mime.includes('excel') || mime === 'text/csv'
        ? FileSpreadsheetIcon
        : FileIcon
  return <Icon className={className} aria-hidden="true" />
}

export function DocumentTable({ documents, userId }: { documents: DocumentItem[]; userId: string }) {
  const { search } = useLocation()
  return (
    <ul className="divide-y rounded-xl border bg-card">
      {documents.map((d) => (
        <li key={d.id} className="flex items-center gap-3 px-4 py-3">
          <DocumentIcon mime={d.mime_type} className="size-5 shrink-0 text-muted-foreground" />
          <div className="flex min-w-0 flex-1 flex-col">
            <Link
              to={`/documents/${d.id}${search}`}
              preventScrollReset
              className="truncate font-medium hover:underline"
            >
              {d.label ?? d.file_name}
            </Link>
            <span className="text-xs text-muted-foreground">
              {d.label && d.label !== d.file_name ? <span className="break-all">{d.file_name} · </span> : null}
              {formatBytes(d.size_bytes)}
              {d.milestones ? ` · livrable « ${d.milestones.title} »` : ''}
            </span>
            <span className="text-xs text-muted-foreground">
              Déposé par {d.uploaded_by === userId ? 'vous' : (d.profiles?.full_name ?? 'un utilisateur')}
              {d.profiles?.role === 'admin' ? ' (NOURX)' : ''} le {formatDateTime(d.created_at)}
            </span>
          </div>
          <div className="flex shrink-0 gap-1">
            {isPreviewable(d.mime_type) && (
              <Link
                to={`/documents/${d.id}${search}`}
                preventScrollReset
                className="hidden rounded-md p-2 text-muted-foreground hover:bg-accent hover:text-foreground sm:inline-flex"
                title="Aperçu"
              >
                <EyeIcon className="size-4" aria-hidden="true" />
                <span className="sr-only">Aperçu de {d.file_name}</span>
              </Link>
            )}
            <a
              href={`/api/documents/${d.id}/telecharger`}
              className="inline-flex rounded-md p-2 text-muted-foreground hover:bg-accent hover:text-foreground"
              title="Télécharger"
            >
              <DownloadIcon className="size-4" aria-hidden="true" />
              <span className="sr-only">Télécharger {d.file_name}</span>
            </a>
          </div>
        </li>
      ))}
    </ul>
  )
}
