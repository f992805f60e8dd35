// The API gateway in front of the services (Kong on hosted Supabase): checks
// the apikey and rewrites Authorization so that every service sees a JWT.
import type { MiddlewareHandler } from 'hono'
import type { GatewayVariables, ServiceContext } from './context.ts'

/** Paths a browser navigates to directly; hosted lets them through without apikey. */
const OPEN_PATHS = [/^\/auth\/v1\/(verify|callback|authorize)$/, /^\/auth\/v1\/\.well-known\/jwks\.json$/, /^\/storage\/v1\/object\/(public|sign)\//, /^\/storage\/v1\/render\/image\/(public|sign)\//, /^\/auth\/v1\/health$/]

export function gateway(ctx: ServiceContext): MiddlewareHandler<{ Variables: GatewayVariables }> {
  return async (c, next) => {
    const url = new URL(c.req.url)
    const apikey = c.req.header('apikey') ?? url.searchParams.get('apikey') ?? ''
    const authorization = c.req.header('authorization') ?? ''
    const open = OPEN_PATHS.some((re) => re.test(url.pathname))

    if (!apikey && !open) {
      return c.json(
        { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' },
        401,
      )
    }
    let roleJwt: string | null = null
    if (apikey) {
      roleJwt = await ctx.keys.roleJwtForApikey(apikey)
      if (!roleJwt) {
        return c.json(
          { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' },
          401,
        )
      }
    }
    let bearer: string | null
    if (authorization && !/^bearer sb_/i.test(authorization)) {
      bearer = authorization.replace(/^bearer\s+/i, '')
    } else {
      bearer = roleJwt
    }
    c.set('bearer', bearer)
    c.set('apikey', apikey)
    await next()
  }
}
