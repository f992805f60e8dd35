import { defineConfig } from '@playwright/test'

// E2E runs against the whole local stack, started once by the global setup
// through scripts/dev.ts on free ports and a throwaway database. Debian's
// chromium is used (`apt-get install -y chromium` when /usr/bin/chromium is
// missing); Playwright's own browser downloads are not needed.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

// Several runs may share this checkout (issues worked on in parallel): each
// gets its own output dir, because Playwright empties it when it starts.
// Workers inherit the id from the main process, which evaluates this first.
process.env.E2E_RUN_ID ||= `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`

export default defineConfig({
  testDir: 'tests/e2e',
  // Playwright empties its output dir at start: keep it away from
  // test-results/screenshots, which specs of every issue write into.
  outputDir: `test-results/playwright/${process.env.E2E_RUN_ID}`,
  globalSetup: './tests/e2e/global-setup.ts',
  // One browser at a time: the stack (Postgres, workerd, Vite) shares the two cores.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    locale: 'fr-FR',
    timezoneId: 'Africa/Abidjan',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
})
