// Starts the whole stack once for the E2E run and hands its URLs to the
// specs through environment variables (inherited by Playwright's workers).
import { existsSync, readFileSync } from 'node:fs'
import { chromium, type FullConfig } from '@playwright/test'
import { startStack, type RunningStack } from '../support/stack.ts'

export default async function globalSetup(config: FullConfig) {
  const executablePath = config.projects[0]?.use.launchOptions?.executablePath
  if (executablePath && !existsSync(executablePath)) {
    throw new Error(`Chromium introuvable (${executablePath}) : apt-get install -y chromium`)
  }
  const started = Date.now()
  // E2E_STACK_FILE: reuse a stack already running (JSON written by a
  // long-lived startStack()), for fast iterations on specs.
  const stack: RunningStack = process.env.E2E_STACK_FILE
    ? { ...JSON.parse(readFileSync(process.env.E2E_STACK_FILE, 'utf8')), stop: async () => {} }
    : await startStack({ log: process.env.E2E_STACK_LOG ? (line) => console.log(line) : undefined })
  process.env.E2E_APP_URL = stack.app_url
  process.env.E2E_SUPABASE_URL = stack.supabase_url
  process.env.E2E_MAIL_URL = stack.mail_url
  process.env.E2E_CINETPAY_URL = stack.cinetpay_url ?? ''
  process.env.E2E_DB_URL = stack.db_url
  process.env.E2E_SUPABASE_ANON_KEY = stack.anonKey
  process.env.E2E_SUPABASE_SERVICE_ROLE_KEY = stack.serviceRoleKey
  console.log(`[e2e] pile prête en ${((Date.now() - started) / 1000).toFixed(0)} s : ${stack.app_url}`)

  // Warm-up: the first browser visit makes Vite transform the client modules;
  // doing it here keeps that delay (and any dependency re-optimisation
  // reload) out of the first spec.
  const browser = await chromium.launch(config.projects[0]?.use.launchOptions)
  try {
    const page = await browser.newPage()
    for (let i = 0; i < 2; i++) {
      await page.goto(`${stack.app_url}/connexion`, { waitUntil: 'networkidle', timeout: 120_000 })
    }
  } finally {
    await browser.close()
  }

  return async () => {
    await stack.stop()
  }
}
