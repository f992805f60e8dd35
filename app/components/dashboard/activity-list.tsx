import { Link } from 'react-router'
import { formatRelative } from '~/lib/format.ts'
import type { ClientDashboard } from '~/lib/dashboard/get-client-dashboard.server.ts'

type Activity = ClientDashboard['recent_activity'][number]

const KIND: Record<string, { text: string; href: (a: Activity) => string }> = {
  document_added: { text: 'Document ajouté', href: () => '/documents' },
  task_comment: { text: 'Nouveau commentaire sur', href: (a) => `/taches/${a.entity_id}` },
  task_done: { text: 'Tâche terminée', href: (a) => `/taches/${a.entity_id}` },
  milestone_delivered: { text: 'Jalon livré', href: (a) => `/feuille-de-route#jalon-${a.entity_id}` },
  milestone_approved: { text: 'Jalon validé', href: (a) => `/feuille-de-route#jalon-${a.entity_id}` },
  invoice_sent: { text: 'Facture émise', href: (a) => `/factures-devis/${a.entity_id}` },
  payment_received: { text: 'Paiement reçu pour', href: (a) => `/factures-devis/${a.entity_id}` },
  ticket_message: { text: 'Réponse à la réclamation', href: (a) => `/reclamations/${a.entity_id}` },
}

export function ActivityList({ items, now }: { items: Activity[]; now: string }) {
  if (items.length === 0) {
    return <p className="text-sm text-muted-foreground">Aucune activité récente sur ce projet.</p>
  }
  return (
    <ol className="flex flex-col">
      {items.map((item, i) => {
        const kind = KIND[item.kind] ?? { text: 'Activité', href: () => '/dashboard' }
        return (
          <li key={`${item.kind}-${item.entity_id}-${i}`} className="flex gap-3 border-b py-2.5 last:border-b-0">
            <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-foreground/40" aria-hidden="true" />
            <div className="flex min-w-0 flex-1 flex-col">
              <Link to={kind.href(item)} className="truncate text-sm hover:underline">
                <span className="text-muted-foreground">{kind.text} </span>
                {item.title ? `« ${item.title} »` : ''}
              </Link>
              <time dateTime={item.at} className="text-xs text-muted-foreground">
                {formatRelative(item.at, now)}
              </time>
            </div>
          </li>
        )
      })}
    </ol>
  )
}
