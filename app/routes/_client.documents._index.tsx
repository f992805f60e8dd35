import { FolderIcon, FolderOpenIcon } from '~/components/icons.tsx'
import { Link } from 'react-router'
import { DocumentTable } from '~/components/documents/document-table.tsx'
import { Uploader } from '~/components/documents/uploader.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { PendingRegion } from '~/components/ui/pending-region.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { GENERAL_FOLDER, shownFolder } from '~/lib/documents/display.ts'
import { uploadRules } from '~/lib/documents/files.ts'
import { listDocuments } from '~/lib/documents/list-documents.server.ts'
import { plural } from '~/lib/format.ts'
import { getClientProjects } from '~/lib/projects.server.ts'
import { cn } from '~/lib/utils.ts'
import type { Route } from './+types/_client.documents._index'

export const meta: Route.MetaFunction = () => [{ title: 'Documents — Espace Client NOURX' }]

/** Projects (cached, shared with the layout), then the documents in one query. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const folder = new URL(request.url).searchParams.get('dossier')
  const { current } = await getClientProjects(request, context)
  if (!current) {
    return { project: null, documents: [], folders: [], folder: null, userId: user.id, uploadRules: uploadRules() }
  }
  const documents = await listDocuments(getSupabase(context), current.id)
  const counts = new Map<string, number>()
  for (const d of documents) counts.set(shownFolder(d), (counts.get(shownFolder(d)) ?? 0) + 1)
  const folders = [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort(
      (a, b) =>
        Number(a.name === GENERAL_FOLDER) - Number(b.name === GENERAL_FOLDER) || a.name.localeCompare(b.name, 'fr'),
    )
  return {
    project: { id: current.id, title: current.title },
    documents,
    folders,
    folder: folder && counts.has(folder) ? folder : null,
    userId: user.id,
    uploadRules: uploadRules(),
  }
}

export default function DocumentsPage({ loaderData }: Route.ComponentProps) {
  const { project, documents, folders, folder, userId } = loaderData
  if (!project) {
    return (
      <>
        <PageHeader title="Documents" />
        <EmptyState icon={FolderIcon} title="Aucun projet pour l’instant">
          Les documents apparaîtront ici dès qu’un projet sera associé à votre entreprise.
        </EmptyState>
      </>
    )
  }
  const shown = folder ? documents.filter((d) => shownFolder(d) === folder) : documents
  const uploadFolder = folder && folder !== GENERAL_FOLDER ? folder : 'Général'
  return (
    <>
      <PageHeader title="Documents" description={`${project.title} · ${plural(documents.length, 'document')}`} />
      <section aria-labelledby="envoyer" className="mb-6 rounded-xl border bg-card p-4 sm:p-5">
        <h2 id="envoyer" className="mb-3 text-base font-semibold">
          Envoyer des fichiers
        </h2>
        <Uploader
          key={`${project.id}-${uploadFolder}`}
          projectId={project.id}
          folder={uploadFolder}
          folders={folders.map((f) => f.name).filter((f) => f !== GENERAL_FOLDER)}
          rules={loaderData.uploadRules}
        />
      </section>
      <div className="grid gap-4 lg:grid-cols-[14rem_1fr]">
        <nav
          aria-label="Dossiers"
          className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1 lg:mx-0 lg:flex-col lg:overflow-visible lg:px-0"
        >
          <FolderLink to="?" active={!folder} name="Tous les documents" count={documents.length} />
          {folders.map((f) => (
            <FolderLink
              key={f.name}
              to={`?dossier=${encodeURIComponent(f.name)}`}
              active={folder === f.name}
              name={f.name}
              count={f.count}
            />
          ))}
        </nav>
        <PendingRegion className="min-w-0">
          {documents.length === 0 ? (
            <EmptyState icon={FolderIcon} title="Aucun document pour l’instant">
              Les fichiers partagés par NOURX et ceux que vous envoyez apparaîtront ici.
            </EmptyState>
          ) : (
            <DocumentTable documents={shown} userId={userId} />
          )}
        </PendingRegion>
      </div>
    </>
  )
}

function FolderLink({ to, active, name, count }: { to: string; active: boolean; name: string; count: number }) {
  const Icon = active ? FolderOpenIcon : FolderIcon
  return (
    <Link
      to={to}
      preventScrollReset
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm whitespace-nowrap',
        active ? 'bg-foreground text-background' : 'text-muted-foreground hover:bg-accent hover:text-foreground',
      )}
    >
      <Icon className="size-4 shrink-0" aria-hidden="true" />
      <span className="truncate lg:flex-1">{name}</span>
      <span className="text-xs tabular-nums opacity-70">{count}</span>
    </Link>
  )
}
