/// <reference types="@cloudflare/vitest-plugin/types" />
// What global-setup.ts provides to the tests (vitest `provide` / `inject`).
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    wiring: {
      supabaseUrl: string
      anonKey: string
      serviceRoleKey: string
      sandboxUrl: string
      /** notify_url stand-in; GET /received lists what the sandbox sent. */
      receiverUrl: string
      apiKey: string
      siteId: string
      secretKey: string
    }
  }
}
