// Sandbox credentials for the wiring tests (made up; the sandbox accepts only these).
export const WIRING_CREDENTIALS = {
  apiKey: 'wiring-test-apikey',
  siteId: '105900077',
  secretKey: 'wiring-test-secret-key',
} as const
