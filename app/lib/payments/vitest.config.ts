// Tests of the CinetPay payment modules, run INSIDE the Workers runtime
// (workerd through @cloudflare/vitest-plugin): WebCrypto, fetch,
// AbortSignal.timeout and Request/Response body parsing are the production
// ones, not Node's.
//
// The local CinetPay sandbox is a Node server: test/global-setup.ts starts it
// outside workerd and passes its URL through `provide`; the tests read it with
// `inject('cinetpay')` and talk to it over HTTP like the Worker would.
//
// Run: cd /work/main && PATH=$PWD/node_modules/.bin:$PATH vitest run --config app/lib/payments/vitest.config.ts
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const here = new URL('.', import.meta.url).pathname

export default defineConfig({
  plugins: [
    // A test-only Worker (wrangler.test.toml): independent of the app's wrangler.toml.
    cloudflareTest({ wrangler: { configPath: `${here}wrangler.test.toml` } }),
  ],
  test: {
    name: 'payments',
    root: here,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})
