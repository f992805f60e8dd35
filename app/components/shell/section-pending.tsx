import type { IconComponent } from '~/components/icons.tsx'
import { EmptyState, PageHeader } from './page.tsx'

/**
 * A section of the portal whose content is not displayed yet. It says so
 * plainly: no sample rows, no fake numbers, no "coming soon" promise.
 */
export function SectionPending({
  title,
  description,
  icon,
  what,
  admin = false,
  children,
}: {
  title: string
  description?: string
  icon: IconComponent
  /** What this page will list, in a short phrase ("vos factures et devis"). */
  what: string
  /** Back office: no "write to NOURX" hint. */
  admin?: boolean
  children?: React.ReactNode
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      {children}
      <EmptyState icon={icon} title="Rien à afficher ici pour l’instant">
        Cette page n’affiche pas encore {what}.
        {!admin && ' Pour toute question en attendant, écrivez à votre contact NOURX.'}
      </EmptyState>
    </>
  )
}
