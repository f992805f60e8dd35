import type { Hono } from 'hono'
import type { GatewayVariables } from './context.ts'

/** A mounted service: a Hono sub-app plus whatever it must release on stop. */
export interface Service {
  app: Hono<{ Variables: GatewayVariables }>
  close?(): Promise<void>
}
