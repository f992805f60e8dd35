// Credentials of the sandbox started by global-setup.ts. Made up; the sandbox
// accepts only these, so a test with another value gets CinetPay's 609/613.
export const SANDBOX_CREDENTIALS = {
  apiKey: 'payments-test-apikey',
  siteId: '105900042',
  secretKey: 'payments-test-secret-key',
} as const
