import { SettingsIcon } from 'lucide-react'
import { Link } from 'react-router'
import { SectionPending } from '~/components/shell/section-pending.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '~/components/ui/card.tsx'
import { requireClient } from '~/lib/auth.server.ts'
import { getShellProfile } from '~/lib/profile.server.ts'
import type { Route } from './+types/_client.parametres'

export const meta: Route.MetaFunction = () => [{ title: 'Paramètres — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  return { profile: await getShellProfile(context, user) }
}

export default function Parametres({ loaderData }: Route.ComponentProps) {
  const { profile } = loaderData
  return (
    <SectionPending
      title="Paramètres"
      description="Votre profil, votre mot de passe et vos préférences."
      icon={SettingsIcon}
      what="la modification de votre profil ni vos préférences de notification"
    >
      <Card className="mb-6 max-w-xl">
        <CardHeader>
          <CardTitle>Votre compte</CardTitle>
          <CardDescription>Les informations que NOURX a enregistrées pour vous.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-muted-foreground">Nom</dt>
            <dd>{profile.name ?? '—'}</dd>
            <dt className="text-muted-foreground">E-mail</dt>
            <dd className="break-all">{profile.email}</dd>
            <dt className="text-muted-foreground">Mot de passe</dt>
            <dd>
              <Link to="/mot-de-passe-oublie" className="underline underline-offset-4 hover:text-brand">
                Recevoir un lien pour le changer
              </Link>
            </dd>
          </dl>
        </CardContent>
      </Card>
    </SectionPending>
  )
}
