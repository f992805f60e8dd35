import {
  FileTextIcon,
  FolderKanbanIcon,
  LayoutDashboardIcon,
  LifeBuoyIcon,
  ListChecksIcon,
  MapIcon,
  ReceiptTextIcon,
  SettingsIcon,
} from '~/components/icons.tsx'
import type { NavItem } from './nav.ts'

// Client portal only: the back office's icons stay out of the client bundle.
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
