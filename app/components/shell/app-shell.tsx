// The frame of every signed-in page, client portal and back office alike:
// a sidebar on wide screens; on phones a top bar and, for the client portal,
// a bottom navigation bar. Menus use the native popover attribute: they open
// and close without JavaScript and cost nothing in the bundle.
import { LogOutIcon, MenuIcon, MoreHorizontalIcon, SettingsIcon } from '~/components/icons.tsx'
import { useEffect } from 'react'
import { Form, Link, NavLink, useLocation } from 'react-router'
import { cn } from '~/lib/utils.ts'
import { Logo } from '../logo.tsx'
import { initialsOf } from '~/lib/initials.ts'
import type { NavItem } from './nav.ts'

export interface ShellUser {
  name: string | null
  email: string
}

interface AppShellProps {
  area: 'client' | 'admin'
  nav: NavItem[]
  /** Client portal: destinations shown in the phone bottom bar. */
  bottomNav?: string[]
  user: ShellUser
  settingsHref: string
  /** Project switcher or any control shown above the navigation, per placement. */
  context?: (placement: 'sidebar' | 'topbar') => React.ReactNode
  children: React.ReactNode
}

// The class lists of the navigation links and menus are in app.css
// (components layer), next to the UI atoms': every page repeats them.
function navClass({ isActive }: { isActive: boolean }) {
  return isActive ? 'shell-link shell-link-active' : 'shell-link'
}

function UserBadge({ user }: { user: ShellUser }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
    >
      {initialsOf(user.name ?? user.email)}
    </span>
  )
}

function LogoutButton({ className }: { className?: string }) {
  return (
    <Form method="post" action="/deconnexion" className={className}>
      <button
        type="submit"
        className="shell-link w-full"
      >
        <LogOutIcon className="size-4" aria-hidden="true" />
        Se déconnecter
      </button>
    </Form>
  )
}

/** Client-side navigations keep popovers open: close them on every route change. */
function useClosePopoversOnNavigate() {
  const location = useLocation()
  useEffect(() => {
    for (const el of document.querySelectorAll<HTMLElement>('[popover]')) {
      try {
        if (el.matches(':popover-open')) el.hidePopover()
      } catch {}
    }
  }, [location.pathname, location.search])
}

export function AppShell({ area, nav, bottomNav, user, settingsHref, context, children }: AppShellProps) {
  useClosePopoversOnNavigate()
  const { pathname } = useLocation()
  const home = nav[0]?.to ?? '/'
  const bottom = bottomNav ? nav.filter((item) => bottomNav.includes(item.to)) : []
  const more = bottomNav ? nav.filter((item) => !bottomNav.includes(item.to)) : []
  // "Plus" looks active when the current page lives in its menu.
  const inMore = more.some((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
  const subtitle = area === 'admin' ? 'Administration' : 'Espace Client'

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <a
        href="#contenu"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
      >
        Aller au contenu
      </a>

      {/* Wide screens: sidebar */}
      <aside className="sticky top-0 hidden h-dvh flex-col border-r bg-background lg:flex">
        <div className="flex h-16 items-center px-6">
          <Link to={home} aria-label="Accueil">
            <Logo subtitle={subtitle} />
          </Link>
        </div>
        {context && <div className="px-4 pb-3">{context('sidebar')}</div>}
        <nav aria-label="Navigation principale" className="flex-1 overflow-y-auto px-6 py-2">
          <ul className="flex flex-col gap-0.5 -mx-3">
            {nav.map((item) => (
              <li key={item.to} className="px-3">
                <NavLink to={item.to} end={item.end} className={navClass} prefetch="intent">
                  <item.icon className="size-4 shrink-0" aria-hidden="true" />
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="border-t p-3">
          <div className="flex items-center gap-3 px-3 py-2">
            <UserBadge user={user} />
            <div className="min-w-0 text-sm">
              {user.name && <p className="truncate font-medium">{user.name}</p>}
              <p className="truncate text-muted-foreground">{user.email}</p>
            </div>
          </div>
          <LogoutButton />
        </div>
      </aside>

      <div className="flex min-w-0 flex-col">
        {/* Phones and tablets: top bar */}
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/95 px-4 backdrop-blur lg:hidden">
          <Link to={home} aria-label="Accueil" className="shrink-0">
            <Logo />
          </Link>
          <div className="min-w-0 flex-1">{context?.('topbar')}</div>
          {area === 'admin' && (
            <button
              type="button"
              popoverTarget="menu-admin"
              className="flex size-10 items-center justify-center rounded-md hover:bg-accent"
              aria-label="Menu"
            >
              <MenuIcon className="size-5" aria-hidden="true" />
            </button>
          )}
          <button
            type="button"
            popoverTarget="menu-compte"
            className="rounded-full focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
            aria-label="Mon compte"
          >
            <UserBadge user={user} />
          </button>
        </header>

        <div
          id="menu-compte"
          popover="auto"
          className="shell-menu top-16 right-3 w-64"
        >
          <div className="px-3 py-2 text-sm">
            {user.name && <p className="truncate font-medium">{user.name}</p>}
            <p className="truncate text-muted-foreground">{user.email}</p>
          </div>
          <Link to={settingsHref} className="shell-link">
            <SettingsIcon className="size-4" aria-hidden="true" />
            Paramètres
          </Link>
          <LogoutButton />
        </div>

        {area === 'admin' && (
          <nav
            id="menu-admin"
            popover="auto"
            aria-label="Navigation principale"
            className="shell-menu top-16 right-3 w-[min(22rem,calc(100vw-1.5rem))]"
          >
            <ul className="flex flex-col gap-0.5">
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className={navClass}>
                    <item.icon className="size-4 shrink-0" aria-hidden="true" />
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}

        <main id="contenu" className={cn('flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8', bottom.length > 0 && 'pb-24 lg:pb-8')}>
          {children}
        </main>

        {/* Phones: bottom navigation of the client portal */}
        {bottom.length > 0 && (
          <>
            <nav
              aria-label="Navigation principale"
              className="fixed inset-x-0 bottom-0 z-30 border-t bg-background/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:hidden"
            >
              <ul className="grid grid-cols-5">
                {bottom.map((item) => (
                  <li key={item.to}>
                    <NavLink
                      to={item.to}
                      end={item.end}
                      className={({ isActive }) => (isActive ? 'shell-tab shell-tab-active' : 'shell-tab')}
                    >
                      <item.icon className="size-5" aria-hidden="true" />
                      {item.short ?? item.label}
                    </NavLink>
                  </li>
                ))}
                <li>
                  <button
                    type="button"
                    popoverTarget="menu-plus"
                    className={cn('shell-tab w-full', inMore && 'shell-tab-active')}
                  >
                    <MoreHorizontalIcon className="size-5" aria-hidden="true" />
                    Plus
                  </button>
                </li>
              </ul>
            </nav>
            <nav
              id="menu-plus"
              popover="auto"
              aria-label="Autres rubriques"
              className="shell-menu right-3 bottom-20 w-60"
            >
              <ul className="flex flex-col gap-0.5">
                {more.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className={navClass}>
                      <item.icon className="size-4 shrink-0" aria-hidden="true" />
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </>
        )}
      </div>
    </div>
  )
}
