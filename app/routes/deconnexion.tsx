import { Form } from 'react-router'
import { Logo } from '~/components/logo.tsx'
import { Button } from '~/components/ui/button.tsx'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import type { Route } from './+types/deconnexion'

export const meta: Route.MetaFunction = () => [{ title: 'Déconnexion — Espace Client NOURX' }]

/**
 * POST only: a GET that signed people out could be triggered by any image
 * tag. Signs out this session (scope local): other devices stay signed in.
 * auth-js clears the cookies even if the auth server is unreachable.
 */
export async function action({ context }: Route.ActionArgs) {
  const { error } = await getSupabase(context).auth.signOut({ scope: 'local' })
  if (error) console.warn('[deconnexion] signOut :', error.message)
  throw redirectWithFlash('/connexion', { kind: 'info', message: 'Vous êtes déconnecté.' }, getEnv(context))
}

/** Without JavaScript, or from a bookmark: a button rather than a silent sign-out. */
export async function loader() {
  return null
}

export default function Deconnexion() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-6 px-6">
      <Logo subtitle="Espace Client" />
      <h1 className="text-2xl font-semibold tracking-tight">Se déconnecter ?</h1>
      <Form method="post" className="flex gap-3">
        <Button type="submit">Se déconnecter</Button>
        <Button variant="outline" type="button" onClick={() => history.back()}>
          Annuler
        </Button>
      </Form>
    </main>
  )
}

