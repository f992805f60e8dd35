// Local development credentials of the sandbox (made up, never real ones).
// The app's local env must carry the same values unless both are overridden.
export const LOCAL_DEFAULTS = {
  port: 54330,
  apiKey: 'nourx-local-cinetpay-apikey',
  siteId: '105900001',
  secretKey: 'nourx-local-cinetpay-secret-key',
} as const
