// GoTrue-compatible /auth/v1 service: what @supabase/auth-js and
// @supabase/ssr call, answered the way Supabase Auth answers. The gateway has
// already checked the apikey and left the JWT to verify in `c.get('bearer')`.
// Known differences from hosted GoTrue are listed in NOTES.md.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'
import { createUser, deleteUser, generateLink, getUserById, invite, listUsers, updateUserById } from './admin.ts'
import { API_VERSION, badRequest, errorResponse } from './errors.ts'
import { magicLink, otp, recover, resend } from './otp.ts'
import type { AuthContext } from './request.ts'
import { ensureAuthTables } from './sessions.ts'
import { signup } from './signup.ts'
import { token } from './token.ts'
import { getUser, logout, updateUser } from './user.ts'
import { verifyGet, verifyPost } from './verify.ts'

/** The GoTrue release whose behaviour this mirrors (the CLI's pin). */
export const GOTRUE_VERSION = 'v2.189.0'

type Handler = (ctx: ServiceContext, c: AuthContext) => Promise<Response>

export async function createAuthService(ctx: ServiceContext): Promise<Service> {
  await ensureAuthTables(ctx.db.authAdmin)
  const app = new Hono<{ Variables: GatewayVariables }>()

  // Every answer echoes the API version, as GoTrue does for auth-js requests.
  app.use('*', async (c, next) => {
    await next()
    c.res.headers.set('X-Supabase-Api-Version', API_VERSION)
  })

  const run = (handler: Handler) => async (c: AuthContext) => {
    try {
      return await handler(ctx, c)
    } catch (e) {
      return errorResponse(c, e, ctx.log)
    }
  }

  app.get('/.well-known/jwks.json', (c) => c.json(ctx.keys.jwks, 200, { 'Cache-Control': 'public, max-age=600' }))
  app.get('/health', (c) =>
    c.json({
      version: GOTRUE_VERSION,
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    }),
  )
  app.get('/settings', (c) => c.json(settings(ctx)))

  app.post('/signup', run(signup))
  app.post('/token', run(token))
  app.post('/otp', run(otp))
  app.post('/magiclink', run(magicLink))
  app.post('/recover', run(recover))
  app.post('/resend', run(resend))
  app.get('/verify', run(verifyGet))
  app.post('/verify', run(verifyPost))
  app.get('/user', run(getUser))
  app.put('/user', run(updateUser))
  app.post('/logout', run(logout))

  // OAuth providers are not available locally: GoTrue's answer for a provider
  // that is not enabled (signInWithOAuth navigates the browser here).
  app.get('/authorize', run(async () => {
    throw badRequest('validation_failed', 'Unsupported provider: provider is not enabled')
  }))

  app.post('/invite', run(invite))
  app.get('/admin/users', run(listUsers))
  app.post('/admin/users', run(createUser))
  app.get('/admin/users/:id', run(getUserById))
  app.put('/admin/users/:id', run(updateUserById))
  app.delete('/admin/users/:id', run(deleteUser))
  app.post('/admin/generate_link', run(generateLink))

  // chi's defaults, which is what GoTrue answers for unknown routes.
  app.notFound((c) => c.text('404 page not found', 404))
  app.onError((e, c) => errorResponse(c, e, ctx.log))
  return { app }
}

/** GET /settings: the public configuration auth-js and dashboards read. */
function settings(ctx: ServiceContext) {
  const providers = [
    'anonymous_users', 'apple', 'azure', 'bitbucket', 'discord', 'facebook', 'figma', 'fly', 'github', 'gitlab',
    'google', 'keycloak', 'kakao', 'linkedin', 'linkedin_oidc', 'nextcloud', 'notion', 'spotify', 'slack',
    'slack_oidc', 'workos', 'twitch', 'twitter', 'email', 'phone', 'zoom',
  ]
  const external: Record<string, boolean> = {}
  for (const p of providers) external[p] = p === 'email'
  return {
    external,
    disable_signup: !ctx.config.auth.enableSignup,
    mailer_autoconfirm: !ctx.config.auth.enableConfirmations,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  }
}
