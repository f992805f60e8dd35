import { Form, useNavigation } from 'react-router'
import { FormError } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { getSessionUser } from '~/lib/auth.server.ts'
import { MIN_PASSWORD_LENGTH } from '~/lib/constants.ts'
import { getEnv } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { homeFor } from '~/lib/redirect.ts'
import { setPassword, type SetPasswordResult } from '~/lib/set-password.server.ts'
import type { Route } from './+types/_auth.reinitialiser-mot-de-passe'

export const meta: Route.MetaFunction = () => [{ title: 'Nouveau mot de passe — Espace Client NOURX' }]

/** Reached from a password-reset link: /auth/confirm has opened the session. */
export async function loader({ context }: Route.LoaderArgs) {
  const user = await getSessionUser({ context })
  if (!user) {
    throw redirectWithFlash(
      '/mot-de-passe-oublie',
      { kind: 'error', message: 'Votre lien a expiré ou a déjà servi. Demandez-en un nouveau.' },
      getEnv(context),
    )
  }
  return { email: user.email }
}

export async function action({ request, context }: Route.ActionArgs) {
  const result = await setPassword({ request, context }, await request.formData())
  if ('response' in result) return result.response
  throw redirectWithFlash(homeFor(result.user.role), { kind: 'success', message: 'Votre mot de passe a été modifié.' }, getEnv(context))
}

export default function Reinitialiser({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const result = actionData as SetPasswordResult | undefined
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Nouveau mot de passe</h1>
        <p className="text-sm text-muted-foreground">Pour le compte {loaderData.email}.</p>
      </div>
      <FormError message={result?.formError} />
      <Form method="post" className="flex flex-col gap-5">
        <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <TextField
          label="Nouveau mot de passe"
          description={`Au moins ${MIN_PASSWORD_LENGTH} caractères.`}
          errors={result?.errors?.password}
          inputProps={{ name: 'password', type: 'password', autoComplete: 'new-password', required: true, minLength: MIN_PASSWORD_LENGTH }}
        />
        <TextField
          label="Confirmation"
          errors={result?.errors?.confirmation}
          inputProps={{ name: 'confirmation', type: 'password', autoComplete: 'new-password', required: true }}
        />
        <Button type="submit" disabled={navigation.state !== 'idle'}>
          {navigation.state === 'submitting' ? 'Enregistrement…' : 'Enregistrer le mot de passe'}
        </Button>
      </Form>
    </div>
  )
}

