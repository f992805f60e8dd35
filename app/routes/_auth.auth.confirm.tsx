import { useEffect, useState } from 'react'
import { data, Link, redirect, useFetcher } from 'react-router'
import { FormError } from '~/components/forms.tsx'
import { buttonVariants } from '~/components/ui/button.tsx'
import { authErrorMessage } from '~/lib/auth-errors.server.ts'
import { userFromClaims } from '~/lib/auth.server.ts'
import { getSupabase } from '~/lib/context.server.ts'
import { landingFor, sanitizeRedirect } from '~/lib/redirect.ts'
import type { Route } from './+types/_auth.auth.confirm'

/**
 * Where every auth e-mail link lands (magic link, password reset, invitation,
 * e-mail confirmation). Three shapes arrive here:
 *   - `?code=…`  PKCE: the default Supabase link (through /auth/v1/verify)
 *     after a request made from this browser (its code-verifier cookie);
 *   - `?token_hash=…&type=…`  the @supabase/ssr e-mail template: works from
 *     any browser, verified server-side with verifyOtp();
 *   - `#access_token=…`  implicit flow (e.g. an admin invitation sent by the
 *     service-role client): the fragment never reaches the server, so the
 *     page posts it back and the server checks it with the auth server.
 * `?error=…` is the auth server reporting an expired or used link.
 */
export const meta: Route.MetaFunction = () => [{ title: 'Vérification du lien — Espace Client NOURX' }]

const OTP_TYPES = ['email', 'magiclink', 'signup', 'recovery', 'invite', 'email_change'] as const
type OtpType = (typeof OTP_TYPES)[number]

type Session = { user: { id: string; email?: string; app_metadata: unknown; user_metadata: unknown } }

function destination(session: Session, kind: OtpType | 'pkce', next: string | null): string {
  if (kind === 'recovery') return '/reinitialiser-mot-de-passe'
  if (kind === 'invite') return '/invitation'
  const user = userFromClaims({
    sub: session.user.id,
    email: session.user.email,
    app_metadata: session.user.app_metadata as Record<string, unknown>,
    user_metadata: session.user.user_metadata as Record<string, unknown>,
  })
  return landingFor(user?.role ?? 'client', next)
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const params = url.searchParams
  const next = sanitizeRedirect(params.get('next'))
  const supabase = getSupabase(context)

  const reported = params.get('error_code') ?? params.get('error')
  if (reported) {
    return data(
      { error: authErrorMessage({ code: reported === 'access_denied' ? 'otp_expired' : reported }, 'Ce lien n’est plus valide. Demandez-en un nouveau.') },
      400,
    )
  }

  const code = params.get('code')
  if (code) {
    const { data: result, error } = await supabase.auth.exchangeCodeForSession(code)
    if (error || !result.session) return data({ error: authErrorMessage(error ?? {}) }, 400)
    // A recovery flow is flagged on its code verifier (auth-js `redirectType`).
    const kind = (result as { redirectType?: string | null }).redirectType === 'recovery' ? 'recovery' : 'pkce'
    throw redirect(destination(result.session, kind, next))
  }

  const tokenHash = params.get('token_hash')
  const type = params.get('type') as OtpType | null
  if (tokenHash && type && (OTP_TYPES as readonly string[]).includes(type)) {
    const { data: result, error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type })
    if (error || !result.session) return data({ error: authErrorMessage(error ?? {}) }, 400)
    throw redirect(destination(result.session, type, next))
  }

  // Nothing in the query: maybe an implicit-flow fragment, read by the page.
  return { error: null }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const accessToken = String(form.get('access_token') ?? '')
  const refreshToken = String(form.get('refresh_token') ?? '')
  const type = String(form.get('type') ?? '')
  const next = sanitizeRedirect(form.get('next'))
  if (!accessToken || !refreshToken) return data({ error: 'Ce lien est incomplet. Demandez-en un nouveau.' }, 400)
  // setSession asks the auth server about the token before storing it.
  const { data: result, error } = await getSupabase(context).auth.setSession({
    access_token: accessToken,
    refresh_token: refreshToken,
  })
  if (error || !result.session) return data({ error: authErrorMessage(error ?? {}) }, 400)
  const kind: OtpType | 'pkce' = (OTP_TYPES as readonly string[]).includes(type) ? (type as OtpType) : 'pkce'
  throw redirect(destination(result.session, kind, next))
}

export default function AuthConfirm({ loaderData, actionData }: Route.ComponentProps) {
  const fetcher = useFetcher<typeof action>()
  const [missing, setMissing] = useState(false)
  const error =
    (fetcher.data as { error?: string } | undefined)?.error ??
    actionData?.error ??
    loaderData.error ??
    (missing ? 'Ce lien est incomplet. Demandez-en un nouveau.' : null)

  useEffect(() => {
    if (loaderData.error) return
    const hash = new URLSearchParams(window.location.hash.slice(1))
    const accessToken = hash.get('access_token')
    const refreshToken = hash.get('refresh_token')
    if (!accessToken || !refreshToken) {
      setMissing(true)
      return
    }
    // The tokens leave the address bar (and the history) right away.
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
    fetcher.submit(
      {
        access_token: accessToken,
        refresh_token: refreshToken,
        type: hash.get('type') ?? '',
        next: new URLSearchParams(window.location.search).get('next') ?? '',
      },
      { method: 'post' },
    )
    // Runs once per page load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (error) {
    return (
      <div className="flex flex-col gap-5">
        <h1 className="text-2xl font-semibold tracking-tight">Lien non valide</h1>
        <FormError message={error} />
        <div className="flex flex-col gap-2">
          <Link to="/connexion" className={buttonVariants()}>
            Revenir à la connexion
          </Link>
          <Link to="/mot-de-passe-oublie" className={buttonVariants({ variant: 'outline' })}>
            Réinitialiser mon mot de passe
          </Link>
        </div>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-3" aria-live="polite">
      <h1 className="text-2xl font-semibold tracking-tight">Vérification du lien…</h1>
      <p className="text-sm text-muted-foreground">
        Un instant. Si rien ne se passe, <Link to="/connexion" className="underline">revenez à la connexion</Link>.
      </p>
    </div>
  )
}
