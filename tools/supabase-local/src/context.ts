// What every service module receives. Services never reach for globals: the
// server builds one context and hands it to createRestApp/createAuthApp/…
import type { LocalConfig } from './config.ts'
import type { KeyRing } from './keys.ts'
import type { Databases } from './postgres.ts'

export interface MailMessage {
  to: string[]
  from: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  /** Stores a message in the local mailbox; returns its id. */
  send(message: MailMessage): Promise<string>
}

export interface ServiceContext {
  config: LocalConfig
  db: Databases
  keys: KeyRing
  mailer: Mailer
  log(message: string): void
}

/** Set by the gateway on /rest, /auth and /storage requests (Hono context variables). */
export interface GatewayVariables {
  /** The bearer token services must verify: a user JWT, or the role JWT the apikey maps to. */
  bearer: string | null
  /** The apikey as sent (validated). */
  apikey: string
}
