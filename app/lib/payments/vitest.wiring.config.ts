// Workers-runtime tests of the payment WIRING (webhook, queue consumer, pay
// action, return-page polling, "J'ai payé", admin re-check) against the real
// local stack: the local Supabase (Postgres 18 + migrations + seed, REST) and
// the CinetPay sandbox, both started in Node by wiring-test/global-setup.ts on
// free ports and a throwaway data dir. The code under test runs in workerd
// (@cloudflare/vitest-plugin), as in production.
//
// Run: cd /work/main && PATH=$PWD/node_modules/.bin:$PATH vitest run --config app/lib/payments/vitest.wiring.config.ts
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const here = new URL('.', import.meta.url).pathname

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: `${here}wrangler.test.toml` } })],
  resolve: { alias: { '~': `${here}../..` } },
  test: {
    name: 'payments-wiring',
    root: here,
    include: ['wiring-test/**/*.test.ts'],
    globalSetup: ['wiring-test/global-setup.ts'],
    // One file at a time: they share one database and one sandbox.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
