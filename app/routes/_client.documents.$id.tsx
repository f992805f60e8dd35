import { DownloadIcon } from '~/components/icons.tsx'
import { data, useLocation } from 'react-router'
import { DocumentIcon } from '~/components/documents/document-table.tsx'
import { Button } from '~/components/ui/button.tsx'
import { BackLink, PageHeader } from '~/components/shell/page.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { isPreviewable } from '~/lib/documents/display.ts'
import { getDocument, signedDocumentUrl } from '~/lib/documents/get-document.server.ts'
import { formatBytes, formatDateTime } from '~/lib/format.ts'
import type { Route } from './+types/_client.documents.$id'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.document.label ?? loaderData?.document.file_name ?? 'Document'} — Espace Client NOURX` },
]

/** The row (RLS), then an inline signed URL (5 min) for images and PDFs. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requireClient({ request, context })
  const supabase = getSupabase(context)
  const doc = await getDocument(supabase, params.id)
  if (!doc) throw data({ message: 'Ce document est introuvable.' }, { status: 404 })
  const previewUrl = isPreviewable(doc.mime_type) ? await signedDocumentUrl(supabase, doc, 'inline') : null
  const { path: _path, client_id: _client, ...document } = doc
  return { document, previewUrl }
}

/** A document's page: its facts, the download, and an inline preview of images and PDFs. */
export default function DocumentPage({ loaderData }: Route.ComponentProps) {
  const { document: d, previewUrl } = loaderData
  const { search } = useLocation()
  return (
    <>
      <BackLink to={`/documents${search}`}>Documents</BackLink>
      <PageHeader
        title={d.label ?? d.file_name}
        description={d.projects?.title ?? 'Document de l’entreprise'}
        actions={
          <Button asChild>
            <a href={`/api/documents/${d.id}/telecharger`}>
              <DownloadIcon aria-hidden="true" />
              Télécharger
            </a>
          </Button>
        }
      />
      <div className="flex flex-col gap-6">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-5">
          <div>
            <dt className="text-xs text-muted-foreground">Fichier</dt>
            <dd className="break-all">{d.file_name}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Taille</dt>
            <dd>{formatBytes(d.size_bytes)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Déposé par</dt>
            <dd>{d.profiles?.full_name ?? 'Utilisateur'}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Le</dt>
            <dd>{formatDateTime(d.created_at)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted-foreground">Dossier</dt>
            <dd>{d.folder}</dd>
          </div>
        </dl>
        {previewUrl ? (
          d.mime_type === 'application/pdf' ? (
            <iframe src={previewUrl} title={`Aperçu de ${d.file_name}`} className="h-[75dvh] w-full rounded-lg border" />
          ) : (
            <img
              src={previewUrl}
              alt={d.label ?? d.file_name}
              className="max-h-[75dvh] w-full rounded-lg border bg-muted object-contain"
            />
          )
        ) : (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-10 text-center text-sm text-muted-foreground">
            <DocumentIcon mime={d.mime_type} className="size-8" />
            Pas d’aperçu pour ce type de fichier : téléchargez-le pour l’ouvrir.
          </div>
        )}
      </div>
    </>
  )
}
