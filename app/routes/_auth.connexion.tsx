import { data, Form, Link, redirect, useNavigation } from 'react-router'
import { FormError, FormNotice } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { FieldSeparator } from '~/components/ui/field-separator.tsx'
import { authErrorMessage, isUnknownAccountError } from '~/lib/auth-errors.server.ts'
import { getSessionUser, userFromClaims } from '~/lib/auth.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { landingFor, sanitizeRedirect } from '~/lib/redirect.ts'
import { EmailSchema, fieldErrors } from '~/lib/validation.ts'
import { z } from 'zod'
import type { Route } from './+types/_auth.connexion'

export const meta: Route.MetaFunction = () => [{ title: 'Connexion — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const redirectTo = sanitizeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  const user = await getSessionUser({ context })
  if (user) throw redirect(landingFor(user.role, redirectTo))
  return { redirectTo }
}

const PasswordLogin = z.object({
  email: EmailSchema,
  password: z.string({ error: () => 'Saisissez votre mot de passe.' }).min(1, { error: () => 'Saisissez votre mot de passe.' }),
})

type ActionResult = {
  fields: { email: string }
  errors?: { email?: string[]; password?: string[] }
  formError?: string
  notice?: string
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const intent = form.get('intent')
  const redirectTo = sanitizeRedirect(form.get('redirectTo'))
  const email = String(form.get('email') ?? '')
  const supabase = getSupabase(context)
  const env = getEnv(context)

  if (intent === 'magic-link') {
    const parsed = EmailSchema.safeParse(email)
    if (!parsed.success) {
      return data<ActionResult>({ fields: { email }, errors: { email: parsed.error.issues.map((i) => i.message) } }, 400)
    }
    const confirm = new URL('/auth/confirm', env.APP_URL)
    if (redirectTo) confirm.searchParams.set('next', redirectTo)
    const { error } = await supabase.auth.signInWithOtp({
      email: parsed.data,
      // Accounts are created by NOURX (invitations), never by a login form.
      options: { shouldCreateUser: false, emailRedirectTo: confirm.toString() },
    })
    if (error && !isUnknownAccountError(error)) {
      return data<ActionResult>({ fields: { email }, formError: authErrorMessage(error) }, error.status === 429 ? 429 : 400)
    }
    // Same answer whether or not the address has an account.
    return data<ActionResult>({
      fields: { email },
      notice: `Si un compte existe pour ${parsed.data}, un lien de connexion vient de lui être envoyé. Il est valable une heure.`,
    })
  }

  const parsed = PasswordLogin.safeParse({ email, password: form.get('password') ?? '' })
  if (!parsed.success) {
    return data<ActionResult>({ fields: { email }, errors: fieldErrors<'email' | 'password'>(parsed.error) }, 400)
  }
  const { data: session, error } = await supabase.auth.signInWithPassword(parsed.data)
  if (error || !session.user) {
    return data<ActionResult>(
      { fields: { email }, formError: authErrorMessage(error ?? {}, 'La connexion a échoué. Réessayez.') },
      error?.status === 429 ? 429 : 400,
    )
  }
  const user = userFromClaims({
    sub: session.user.id,
    email: session.user.email,
    app_metadata: session.user.app_metadata,
    user_metadata: session.user.user_metadata,
  })
  throw redirect(landingFor(user?.role ?? 'client', redirectTo))
}

export default function Connexion({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const busyIntent = navigation.state !== 'idle' ? navigation.formData?.get('intent') : null
  const result = actionData as ActionResult | undefined
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Connexion</h1>
        <p className="text-sm text-muted-foreground">Accédez à vos projets, documents et factures.</p>
      </div>
      <FormError message={result?.formError} />
      <FormNotice message={result?.notice} />
      <Form method="post" className="flex flex-col gap-5" noValidate={false}>
        {loaderData.redirectTo && <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />}
        <TextField
          label="Adresse e-mail"
          errors={result?.errors?.email}
          inputProps={{
            name: 'email',
            type: 'email',
            autoComplete: 'email',
            inputMode: 'email',
            required: true,
            defaultValue: result?.fields.email,
            autoFocus: true,
          }}
        />
        <TextField
          label="Mot de passe"
          aside={
            <Link
              to="/mot-de-passe-oublie"
              className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
            >
              Mot de passe oublié ?
            </Link>
          }
          errors={result?.errors?.password}
          inputProps={{ name: 'password', type: 'password', autoComplete: 'current-password', required: true }}
        />
        <Button type="submit" name="intent" value="password" disabled={busyIntent != null}>
          {busyIntent === 'password' ? 'Connexion…' : 'Se connecter'}
        </Button>
        <FieldSeparator>ou</FieldSeparator>
        <Button type="submit" name="intent" value="magic-link" variant="outline" formNoValidate disabled={busyIntent != null}>
          {busyIntent === 'magic-link' ? 'Envoi…' : 'Recevoir un lien de connexion'}
        </Button>
        <p className="text-center text-xs text-muted-foreground">
          Le lien est envoyé à l’adresse saisie ci-dessus, sans mot de passe.
        </p>
      </Form>
    </div>
  )
}
