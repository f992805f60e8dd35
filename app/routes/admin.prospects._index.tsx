import { PlusIcon, TargetIcon } from 'lucide-react'
import { data, Link } from 'react-router'
import { ListToolbar } from '~/components/admin/list.tsx'
import { ProspectBoard } from '~/components/admin/prospect-board.tsx'
import { EmptyState, PageHeader } from '~/components/shell/page.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { formError, intentOf, unknownIntent } from '~/lib/admin/action.server.ts'
import { parseListParams } from '~/lib/admin/list.ts'
import { BOARD_LIMIT, PROSPECT_SORTS } from '~/lib/admin/prospect-board.ts'
import { listProspectBoard, moveProspect, prospectSources } from '~/lib/admin/prospects.server.ts'
import { ProspectStageSchema } from '~/lib/admin/schemas.ts'
import { requireAdmin } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { formatXOF } from '~/lib/format.ts'
import type { Route } from './+types/admin.prospects._index'

export const meta: Route.MetaFunction = () => [{ title: 'Prospects — Administration NOURX' }]

const SORT_LABEL: Record<(typeof PROSPECT_SORTS)[number], string> = {
  position: 'Ordre du pipeline',
  next_action_date: 'Prochaine action',
  estimated_amount: 'Montant estimé',
  created_at: 'Date d’ajout',
  company_name: 'Nom',
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin({ request, context })
  const url = new URL(request.url)
  const params = parseListParams(url, { sorts: PROSPECT_SORTS, defaultSort: 'position', filters: ['source', 'relance'] })
  const db = getSupabase(context)
  const [board, sources] = await Promise.all([listProspectBoard(db, params), prospectSources(db)])
  const open = [...board.columns.nouveau, ...board.columns.contacte, ...board.columns.qualifie, ...board.columns.proposition]
  return {
    ...board,
    sources,
    sort: params.sort,
    dir: params.dir,
    filtered: Boolean(params.q || Object.keys(params.filters).length),
    pipelineValue: open.reduce((s, c) => s + (c.estimated_amount ?? 0), 0),
    today: new Date().toISOString().slice(0, 10),
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  await requireAdmin({ request, context })
  const form = await request.formData()
  if (intentOf(form) !== 'move') return unknownIntent()
  const parsed = ProspectStageSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) return data({ formError: 'Déplacement invalide.' }, 400)
  try {
    await moveProspect(getSupabase(context), parsed.data.id, parsed.data.stage, parsed.data.position)
    return { ok: true }
  } catch (error) {
    return formError(error)
  }
}

export default function ProspectsPage({ loaderData }: Route.ComponentProps) {
  const { columns, total, sources, filtered, pipelineValue, today } = loaderData
  const shown = Object.values(columns).reduce((n, c) => n + c.length, 0)
  return (
    <>
      <PageHeader
        title="Prospects"
        description={`Pipeline commercial : ${formatXOF(pipelineValue)} en cours de négociation.`}
        actions={
          <Link to="/admin/prospects/nouveau" className={buttonVariants()}>
            <PlusIcon aria-hidden="true" /> Nouveau prospect
          </Link>
        }
      />
      <ListToolbar
        placeholder="Entreprise, contact, notes…"
        filters={[
          { name: 'source', label: 'Source', emptyLabel: 'Toutes les sources', options: sources.map((s) => ({ value: s, label: s })) },
          { name: 'relance', label: 'Relance', emptyLabel: 'Toutes les relances', options: [{ value: 'en_retard', label: 'Action en retard' }] },
          {
            name: 'sort',
            label: 'Tri',
            emptyLabel: 'Tri : ordre du pipeline',
            options: PROSPECT_SORTS.filter((s) => s !== 'position').map((s) => ({ value: s, label: SORT_LABEL[s] })),
          },
        ]}
      />
      {shown < total && (
        <p className="mb-3 text-sm text-warning">
          {shown} prospects affichés sur {total} : affinez la recherche pour voir les autres.
        </p>
      )}
      {total === 0 && filtered ? (
        <EmptyState icon={TargetIcon} title="Aucun prospect ne correspond">
          Modifiez la recherche ou les filtres.
        </EmptyState>
      ) : (
        <ProspectBoard columns={columns} today={today} />
      )}
      <p className="mt-2 text-xs text-muted-foreground">Glissez une carte vers une autre colonne pour changer son étape (au clavier : espace, flèches, espace). Au plus {BOARD_LIMIT} cartes.</p>
    </>
  )
}
