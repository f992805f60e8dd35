// Starts the whole stack once for the E2E run and hands its URLs to the
// specs through environment variables (inherited by Playwright's workers).
import { existsSync, readFileSync } from 'node:fs'
import { chromium, type Browser, type FullConfig } from '@playwright/test'
import { startStack, type RunningStack } from '../support/stack.ts'

export default async function globalSetup(config: FullConfig) {
  const executablePath = config.projects[0]?.use.launchOptions?.executablePath
  if (executablePath && !existsSync(executablePath)) {
    throw new Error(`Chromium introuvable (${executablePath}) : apt-get install -y chromium`)
  }
  const started = Date.now()
  // E2E_STACK_FILE: reuse a stack already running (JSON written by a
  // long-lived startStack()), for fast iterations on specs.
  // The app runs as it ships: a production build served on workerd, so the
  // chunks, lazy loads and CSS layers users get are the ones tested.
  // E2E_APP_MODE=dev runs Vite's dev server instead (faster to restart while
  // writing a spec).
  const production = process.env.E2E_APP_MODE !== 'dev'
  const stack: RunningStack = process.env.E2E_STACK_FILE
    ? { ...JSON.parse(readFileSync(process.env.E2E_STACK_FILE, 'utf8')), stop: async () => {} }
    : await startStack({ production, log: process.env.E2E_STACK_LOG ? (line) => console.log(line) : undefined })
  process.env.E2E_APP_URL = stack.app_url
  process.env.E2E_SUPABASE_URL = stack.supabase_url
  process.env.E2E_MAIL_URL = stack.mail_url
  process.env.E2E_CINETPAY_URL = stack.cinetpay_url ?? ''
  process.env.E2E_DB_URL = stack.db_url
  process.env.E2E_SUPABASE_ANON_KEY = stack.anonKey
  process.env.E2E_SUPABASE_SERVICE_ROLE_KEY = stack.serviceRoleKey
  console.log(`[e2e] pile prête en ${((Date.now() - started) / 1000).toFixed(0)} s : ${stack.app_url}`)

  // Warm-up (dev server only): Vite transforms client modules and discovers
  // dependencies on first use, and a discovery reloads the open page, which
  // makes specs flaky. Visiting every page of both shells once, here, gets
  // that over with. A production build has nothing to discover.
  if (production && !process.env.E2E_STACK_FILE) {
    return async () => {
      await stack.stop()
    }
  }
  const browser = await chromium.launch(config.projects[0]?.use.launchOptions)
  try {
    await warmUp(browser, stack.app_url)
  } catch (error) {
    console.warn(`[e2e] échauffement incomplet : ${error instanceof Error ? error.message : error}`)
  } finally {
    await browser.close()
  }

  return async () => {
    await stack.stop()
  }
}

async function warmUp(browser: Browser, appUrl: string) {
  const started = Date.now()
  for (const email of ['client@acme.test', 'admin@nourx.test']) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${appUrl}/connexion`, { waitUntil: 'networkidle', timeout: 120_000 })
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe', { exact: true }).fill('demo-nourx-2026')
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname !== '/connexion', { timeout: 60_000 })
    const links = await page.locator('aside nav a').evaluateAll((anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).pathname),
    )
    for (const path of links) {
      await page.goto(`${appUrl}${path}`, { waitUntil: 'networkidle', timeout: 120_000 }).catch(() => {})
    }
    await context.close()
  }
  console.log(`[e2e] échauffement : ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
