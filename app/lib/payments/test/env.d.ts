// What global-setup.ts provides to the tests (vitest `provide` / `inject`).
import 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    cinetpay: {
      /** Base URL of the local CinetPay sandbox (CINETPAY_API_URL for the client). */
      sandboxUrl: string
      /** notify_url / return_url stand-in; GET /received lists what it got. */
      receiverUrl: string
      apiKey: string
      siteId: string
      secretKey: string
    }
  }
}
