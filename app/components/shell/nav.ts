import {
  BuildingIcon,
  CreditCardIcon,
  FileTextIcon,
  FolderKanbanIcon,
  LayoutDashboardIcon,
  LifeBuoyIcon,
  ListChecksIcon,
  MapIcon,
  ReceiptTextIcon,
  ScrollTextIcon,
  SettingsIcon,
  TargetIcon,
  type LucideIcon,
} from 'lucide-react'

export interface NavItem {
  to: string
  label: string
  /** Shorter label for the phone bottom bar. */
  short?: string
  icon: LucideIcon
  /** Active only on exact match (section roots such as /admin). */
  end?: boolean
}

export const CLIENT_NAV: NavItem[] = [
  { to: '/dashboard', label: 'Tableau de bord', short: 'Accueil', icon: LayoutDashboardIcon },
  { to: '/projet', label: 'Projet', icon: FolderKanbanIcon },
  { to: '/feuille-de-route', label: 'Feuille de route', icon: MapIcon },
  { to: '/taches', label: 'Tâches', icon: ListChecksIcon },
  { to: '/factures-devis', label: 'Factures & devis', short: 'Factures', icon: ReceiptTextIcon },
  { to: '/documents', label: 'Documents', icon: FileTextIcon },
  { to: '/reclamations', label: 'Réclamations', icon: LifeBuoyIcon },
  { to: '/parametres', label: 'Paramètres', icon: SettingsIcon },
]

/** The four destinations of the phone bottom bar; the rest sit under "Plus". */
export const CLIENT_BOTTOM_NAV = ['/dashboard', '/projet', '/taches', '/factures-devis']

export const ADMIN_NAV: NavItem[] = [
  { to: '/admin', label: 'Tableau de bord', icon: LayoutDashboardIcon, end: true },
  { to: '/admin/projets', label: 'Projets', icon: FolderKanbanIcon },
  { to: '/admin/clients', label: 'Clients', icon: BuildingIcon },
  { to: '/admin/prospects', label: 'Prospects', icon: TargetIcon },
  { to: '/admin/taches', label: 'Tâches', icon: ListChecksIcon },
  { to: '/admin/reclamations', label: 'Réclamations', icon: LifeBuoyIcon },
  { to: '/admin/factures-devis', label: 'Factures & devis', icon: ReceiptTextIcon },
  { to: '/admin/paiements', label: 'Paiements', icon: CreditCardIcon },
  { to: '/admin/parametres', label: 'Paramètres', icon: SettingsIcon },
  { to: '/admin/journal', label: 'Journal d’audit', icon: ScrollTextIcon },
]
