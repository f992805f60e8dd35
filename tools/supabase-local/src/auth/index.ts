// PLACEHOLDER — replaced by the GoTrue-compatible implementation.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'

export async function createAuthService(ctx: ServiceContext): Promise<Service> {
  const app = new Hono<{ Variables: GatewayVariables }>()
  app.get('/.well-known/jwks.json', (c) => c.json(ctx.keys.jwks))
  app.all('*', (c) => c.json({ code: 'not_implemented', message: 'not implemented' }, 501))
  return { app }
}
