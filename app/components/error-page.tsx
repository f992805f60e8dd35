import { Link } from 'react-router'
import { Logo } from './logo.tsx'
import { buttonVariants } from './ui/button.tsx'

export { describeError } from '~/lib/describe-error.ts'

const COPY: Record<number, { title: string; text: string }> = {
  400: { title: 'Requête invalide', text: 'La demande envoyée est incomplète ou mal formée.' },
  401: { title: 'Connexion requise', text: 'Connectez-vous pour accéder à cette page.' },
  403: { title: 'Accès refusé', text: 'Vous n’avez pas accès à cette page.' },
  404: { title: 'Page introuvable', text: 'Cette page n’existe pas ou a été déplacée.' },
  405: { title: 'Action non prise en charge', text: 'Cette adresse ne prend pas en charge cette action.' },
  503: { title: 'Service indisponible', text: 'Un service dont dépend l’Espace Client ne répond pas. Réessayez dans un instant.' },
}

function copyFor(status: number) {
  return (
    COPY[status] ?? {
      title: 'Une erreur est survenue',
      text: 'Un problème inattendu nous empêche d’afficher cette page. Réessayez ; si le problème persiste, contactez NOURX.',
    }
  )
}

/** An error shown inside a shell (the navigation stays usable). */
export function ErrorPanel({ status, message }: { status: number; message?: string }) {
  const copy = copyFor(status)
  return (
    <section className="flex max-w-xl flex-col gap-3 py-10" aria-labelledby="erreur-titre">
      <p className="text-sm font-medium text-muted-foreground tabular">Erreur {status}</p>
      <h1 id="erreur-titre" className="text-2xl font-semibold tracking-tight">
        {copy.title}
      </h1>
      <p className="text-muted-foreground">{message ?? copy.text}</p>
    </section>
  )
}

/**
 * The French error page used by every error boundary: 403, 404, 500… with a
 * way back. `details` (a stack trace) is only passed in development.
 */
export function ErrorPage({ status, message, details }: { status: number; message?: string; details?: string }) {
  const copy = copyFor(status)
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-6 px-6 py-16">
      <Logo />
      <div className="flex flex-col gap-3">
        <p className="text-sm font-medium text-muted-foreground tabular">Erreur {status}</p>
        <h1 className="text-3xl font-semibold tracking-tight">{copy.title}</h1>
        <p className="text-muted-foreground">{message ?? copy.text}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Link to="/" className={buttonVariants()}>
          Retour à l’accueil
        </Link>
        {status === 403 && (
          <form method="post" action="/deconnexion">
            <button type="submit" className={buttonVariants({ variant: 'outline' })}>
              Changer de compte
            </button>
          </form>
        )}
      </div>
      {details && (
        <pre className="max-h-80 overflow-auto rounded-md bg-muted p-4 text-xs whitespace-pre-wrap">{details}</pre>
      )}
    </main>
  )
}
