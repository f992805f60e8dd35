import { data, Form, Link, useNavigation } from 'react-router'
import { FormError, FormNotice } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { Button } from '~/components/ui/button.tsx'
import { authErrorMessage, isUnknownAccountError } from '~/lib/auth-errors.server.ts'
import { getEnv, getSupabase } from '~/lib/context.server.ts'
import { EmailSchema } from '~/lib/validation.ts'
import type { Route } from './+types/_auth.mot-de-passe-oublie'

export const meta: Route.MetaFunction = () => [{ title: 'Mot de passe oublié — Espace Client NOURX' }]

type ActionResult = { email: string; errors?: string[]; formError?: string; notice?: string }

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const email = String(form.get('email') ?? '')
  const parsed = EmailSchema.safeParse(email)
  if (!parsed.success) {
    return data<ActionResult>({ email, errors: parsed.error.issues.map((i) => i.message) }, 400)
  }
  const redirectTo = new URL('/auth/confirm', getEnv(context).APP_URL)
  redirectTo.searchParams.set('next', '/reinitialiser-mot-de-passe')
  const { error } = await getSupabase(context).auth.resetPasswordForEmail(parsed.data, {
    redirectTo: redirectTo.toString(),
  })
  if (error && !isUnknownAccountError(error)) {
    return data<ActionResult>({ email, formError: authErrorMessage(error) }, error.status === 429 ? 429 : 400)
  }
  // Same answer whether or not the address has an account.
  return data<ActionResult>({
    email,
    notice: `Si un compte existe pour ${parsed.data}, un e-mail avec un lien de réinitialisation vient de lui être envoyé. Il est valable une heure.`,
  })
}

export default function MotDePasseOublie({ actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const result = actionData as ActionResult | undefined
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h1 className="text-2xl font-semibold tracking-tight">Mot de passe oublié</h1>
        <p className="text-sm text-muted-foreground">
          Saisissez votre adresse e-mail : nous vous envoyons un lien pour choisir un nouveau mot de passe.
        </p>
      </div>
      <FormError message={result?.formError} />
      <FormNotice message={result?.notice} />
      <Form method="post" className="flex flex-col gap-5">
        <TextField
          label="Adresse e-mail"
          errors={result?.errors}
          inputProps={{
            name: 'email',
            type: 'email',
            autoComplete: 'email',
            inputMode: 'email',
            required: true,
            defaultValue: result?.email,
            autoFocus: true,
          }}
        />
        <Button type="submit" disabled={navigation.state !== 'idle'}>
          {navigation.state === 'submitting' ? 'Envoi…' : 'Envoyer le lien'}
        </Button>
      </Form>
      <Link to="/connexion" className="text-center text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
        Revenir à la connexion
      </Link>
    </div>
  )
}
