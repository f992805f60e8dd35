import { Outlet } from 'react-router'
import { Logo } from '~/components/logo.tsx'

/** Pathless layout of the sign-in pages: one narrow card, nothing else. */
export default function AuthLayout() {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="px-6 pt-8 sm:px-10">
        <Logo subtitle="Espace Client" />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 py-10 sm:items-center sm:py-16">
        <div className="w-full max-w-sm rounded-xl border bg-card p-6 shadow-xs sm:p-8">
          <Outlet />
        </div>
      </main>
      <footer className="px-6 pb-6 text-center text-xs text-muted-foreground">
        NOURX — agence digitale, Abidjan
      </footer>
    </div>
  )
}
