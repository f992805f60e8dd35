import {
  BuildingIcon,
  CreditCardIcon,
  FolderKanbanIcon,
  LayoutDashboardIcon,
  LifeBuoyIcon,
  ListChecksIcon,
  ReceiptTextIcon,
  ScrollTextIcon,
  SettingsIcon,
  TargetIcon,
  UserXIcon,
} from 'lucide-react'
import type { NavItem } from './nav.ts'

export const ADMIN_NAV: NavItem[] = [
  { to: '/admin', label: 'Tableau de bord', icon: LayoutDashboardIcon, end: true },
  { to: '/admin/projets', label: 'Projets', icon: FolderKanbanIcon },
  { to: '/admin/clients', label: 'Clients', icon: BuildingIcon },
  { to: '/admin/prospects', label: 'Prospects', icon: TargetIcon },
  { to: '/admin/taches', label: 'Tâches', icon: ListChecksIcon },
  { to: '/admin/reclamations', label: 'Réclamations', icon: LifeBuoyIcon },
  { to: '/admin/factures-devis', label: 'Factures & devis', icon: ReceiptTextIcon },
  { to: '/admin/paiements', label: 'Paiements', icon: CreditCardIcon },
  { to: '/admin/demandes-suppression', label: 'Demandes RGPD', icon: UserXIcon },
  { to: '/admin/parametres', label: 'Paramètres', icon: SettingsIcon },
  { to: '/admin/journal', label: 'Journal d’audit', icon: ScrollTextIcon },
]
