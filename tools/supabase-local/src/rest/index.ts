// PLACEHOLDER — replaced by the REST (PostgREST-compatible) implementation.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'

export async function createRestService(_ctx: ServiceContext): Promise<Service> {
  const app = new Hono<{ Variables: GatewayVariables }>()
  app.all('*', (c) => c.json({ code: 'PGRST000', message: 'not implemented', details: null, hint: null }, 501))
  return { app }
}
