// Workers-runtime tests: they run inside workerd (the @cloudflare/vitest-plugin
// pool), with wrangler.toml's bindings, the queue included. Loader and action
// tests talk to a real local Supabase started by global-setup.ts on a free
// port and a temp data dir. Run: npm run test:workers
import path from 'node:path'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

const root = path.resolve(import.meta.dirname, '../..')

export default defineConfig({
  root,
  resolve: { tsconfigPaths: true },
  plugins: [
    cloudflareTest(({ inject }) => ({
      // The real entry imports React Router's virtual server build, which only
      // exists under its Vite plugin: the tests drive the Worker through
      // createFetchHandler/createQueueHandler with stand-ins instead.
      main: path.join(root, 'tests/workers/support/entry.ts'),
      wrangler: { configPath: path.join(root, 'wrangler.toml') },
      miniflare: {
        // Always the test stack's values, never a developer's .dev.vars.
        bindings: {
          APP_URL: 'http://localhost:5173',
          SUPABASE_URL: inject('supabaseUrl'),
          SUPABASE_ANON_KEY: inject('supabaseAnonKey'),
          SUPABASE_SERVICE_ROLE_KEY: inject('supabaseServiceRoleKey'),
          CINETPAY_APIKEY: 'test-apikey',
          CINETPAY_SITE_ID: '105900001',
          CINETPAY_SECRET_KEY: 'test-secret',
          CINETPAY_API_URL: 'http://127.0.0.1:9',
          EMAIL_API_URL: inject('mailUrl'),
          EMAIL_API_KEY: 'test',
          EMAIL_FROM: 'NOURX <noreply@nourx.test>',
          SENTRY_DSN: '',
          POSTHOG_KEY: '',
          POSTHOG_HOST: 'https://eu.i.posthog.com',
        },
      },
    })),
  ],
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.{ts,tsx}'],
    globalSetup: [path.join(root, 'tests/workers/support/global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
})
