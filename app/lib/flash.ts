/** A one-shot message shown after a redirect (see flash.server.ts). */
export type FlashKind = 'success' | 'error' | 'info'
export interface Flash {
  kind: FlashKind
  message: string
}
