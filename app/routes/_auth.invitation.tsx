import { data, Form, redirect, useNavigation } from 'react-router'
import { z } from 'zod'
import { FormError } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { getSessionUser } from '~/lib/auth.server.ts'
import { MIN_PASSWORD_LENGTH } from '~/lib/constants.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { homeFor } from '~/lib/redirect.ts'
import { setPassword, type SetPasswordResult } from '~/lib/set-password.server.ts'
import type { Route } from './+types/_auth.invitation'

export const meta: Route.MetaFunction = () => [{ title: 'Invitation — Espace Client NOURX' }]

/**
 * After an invitation link: the session is open (see /auth/confirm); the
 * person gives their name and chooses a password, then reaches their home.
 */
export async function loader({ context }: Route.LoaderArgs) {
  const user = await getSessionUser({ context })
  if (!user) throw redirect('/connexion')
  const { data: profile } = await getSupabase(context)
    .from('profiles')
    .select('full_name')
    .eq('id', user.id)
    .maybeSingle()
  return { email: user.email, fullName: (profile?.full_name as string | undefined) || user.fullName || '' }
}

const FullName = z
  .string()
  .trim()
  .min(2, { error: () => 'Saisissez votre nom complet.' })
  .max(120, { error: () => '120 caractères au plus.' })

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const rawName = String(form.get('fullName') ?? '')
  const name = FullName.safeParse(rawName)
  if (!name.success) {
    return data<SetPasswordResult>(
      { errors: { fullName: name.error.issues.map((i) => i.message) }, fields: { fullName: rawName } },
      400,
    )
  }
  const result = await setPassword({ request, context }, form, { fullName: name.data })
  if ('response' in result) return result.response
  // The profile row is what NOURX and co-members see (RLS: own row only).
  const { error } = await getSupabase(context).from('profiles').update({ full_name: name.data }).eq('id', result.user.id)
  if (error) {
    console.error('[invitation] profil non mis à jour :', error.message)
    return data<SetPasswordResult>(
      { formError: 'Votre mot de passe est enregistré, mais votre nom n’a pas pu l’être. Réessayez depuis vos paramètres.' },
      500,
    )
  }
  // A fresh access token carries the new name in its claims (the shells
  // read it from there); without it the old token lives until it expires.
  const { error: refreshError } = await getSupabase(context).auth.refreshSession()
  if (refreshError) console.warn('[invitation] session non rafraîchie :', refreshError.message)
  throw redirectWithFlash(homeFor(result.user.role), { kind: 'success', message: 'Bienvenue dans votre Espace Client NOURX.' }, getEnv(context))
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const result = actionData as SetPasswordResult | undefined
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Bienvenue</h1>
        <p className="text-sm text-muted-foreground">
          NOURX vous a invité sur votre Espace Client ({loaderData.email}). Complétez votre profil pour commencer.
        </p>
      </div>
      <FormError message={result?.formError} />
      <Form method="post" className="flex flex-col gap-5">
        <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <TextField
          label="Nom complet"
          errors={result?.errors?.fullName}
          inputProps={{
            name: 'fullName',
            autoComplete: 'name',
            required: true,
            defaultValue: result?.fields?.fullName ?? loaderData.fullName,
          }}
        />
        <TextField
          label="Mot de passe"
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
          {navigation.state === 'submitting' ? 'Enregistrement…' : 'Accéder à mon espace'}
        </Button>
      </Form>
    </div>
  )
}
