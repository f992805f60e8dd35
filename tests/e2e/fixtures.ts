// Shared E2E helpers: the app's URL as baseURL, sign-in, the local mail
// catcher, throwaway users, and screenshots at the two reference sizes.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'

export const DEMO_PASSWORD = 'demo-nourx-2026'
export const ADMIN = 'admin@nourx.test'
export const CLIENT_ACME = 'client@acme.test'
export const CLIENT_BAOBAB = 'client@baobab.test'

function env(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} absent : les specs E2E tournent via playwright.config.ts (global setup)`)
  return value
}

export const stack = {
  get appUrl() {
    return env('E2E_APP_URL')
  },
  get mailUrl() {
    return env('E2E_MAIL_URL')
  },
  get supabaseUrl() {
    return env('E2E_SUPABASE_URL')
  },
  get serviceRoleKey() {
    return env('E2E_SUPABASE_SERVICE_ROLE_KEY')
  },
}

export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(stack.appUrl)
  },
})
export { expect }

/** Resolves once React has hydrated the current document (root Layout effect). */
export async function waitForHydration(page: Page) {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' })
}

/** Signs in through the login form and waits for the landing page. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD, path = '/connexion') {
  await page.goto(path)
  await waitForHydration(page)
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname !== '/connexion')
}

export interface Mail {
  id: string
  to: string[]
  subject: string
  text: string
  html: string
  created_at: string
}

/** Waits for a mail to `to` newer than `since` (ISO) and returns it. */
export async function waitForMail(to: string, options: { since?: string; subject?: RegExp; timeoutMs?: number } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000)
  while (Date.now() < deadline) {
    const res = await fetch(`${stack.mailUrl}/api/messages?to=${encodeURIComponent(to)}`)
    const mails = (await res.json()) as Mail[]
    const found = mails.find(
      (m) => (!options.since || m.created_at > options.since) && (!options.subject || options.subject.test(m.subject)),
    )
    if (found) return found
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Aucun e-mail pour ${to} (${options.subject ?? 'tout sujet'})`)
}

/** The href of `<a data-link="…">` in a mail sent by the local auth server. */
export function mailLink(mail: Mail, kind: 'confirmation-url' | 'token-hash-url'): string {
  const match = new RegExp(`<a href="([^"]+)" data-link="${kind}"`).exec(mail.html)
  if (!match) throw new Error(`Lien ${kind} absent de l’e-mail « ${mail.subject} »`)
  return match[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
}

/** A fresh confirmed user (role client, no company), for tests that change a password. */
export async function createUser(prefix: string, password = 'motdepasse-initial-1') {
  const admin = createClient(stack.supabaseUrl, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  })
  const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: { full_name: 'Koffi Test' },
  })
  if (error) throw error
  return { email, password, id: data.user.id }
}

export function adminClient() {
  return createClient(stack.supabaseUrl, stack.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  })
}

export const VIEWPORTS = {
  mobile: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const

const SCREENSHOT_DIR = path.resolve('test-results/screenshots')

/** Full-page screenshot of the current page at both reference sizes. */
export async function screenshotBoth(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // A screenshot injects a style into the page: wait until React hydrated it.
  await waitForHydration(page)
  const original = page.viewportSize()
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size)
    await page.waitForTimeout(150)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`), fullPage: true })
    void label
  }
  if (original) await page.setViewportSize(original)
}
