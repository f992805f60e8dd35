// PLACEHOLDER — replaced by the Storage-compatible implementation.
import { Hono } from 'hono'
import type { GatewayVariables, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'

export async function createStorageService(_ctx: ServiceContext): Promise<Service> {
  const app = new Hono<{ Variables: GatewayVariables }>()
  app.all('*', (c) => c.json({ statusCode: '501', code: 'NotImplemented', error: 'not implemented', message: 'not implemented' }, 400))
  return { app }
}

/** Uploads the files under `dir` (<bucket>/<path>) after the seed, local only. */
export async function seedStorage(_ctx: ServiceContext, _dir: string): Promise<void> {}
