// Mail catcher: every email the auth API (or the app, through the
// Resend-style POST /emails) sends lands here instead of leaving the machine.
//   GET    /mail                       small web page listing the mailbox
//   GET    /mail/messages/:id          one message rendered
//   GET    /mail/api/messages?to=…     JSON, newest first
//   DELETE /mail/api/messages          empties the mailbox
//   POST   /mail/emails                Resend-shaped send endpoint
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import type { LocalConfig } from '../config.ts'
import type { MailMessage, Mailer, ServiceContext } from '../context.ts'
import type { Service } from '../service.ts'

export interface StoredMail extends MailMessage {
  id: string
  created_at: string
}

export interface Mailbox extends Mailer {
  list(to?: string): StoredMail[]
  get(id: string): StoredMail | undefined
  clear(): void
}

export function createMailbox(config: LocalConfig): Mailbox {
  const file = path.join(config.dataDir, 'mailbox.json')
  let messages: StoredMail[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : []
  const persist = () => {
    mkdirSync(config.dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify(messages))
  }
  return {
    async send(message) {
      const stored: StoredMail = {
        ...message,
        to: message.to.map((t) => t.trim()),
        id: crypto.randomUUID(),
        created_at: new Date().toISOString(),
      }
      messages.push(stored)
      persist()
      if (!config.quiet) console.log(`[supabase-local] mail → ${stored.to.join(', ')} : ${stored.subject}`)
      return stored.id
    },
    list(to) {
      const wanted = to?.trim().toLowerCase()
      return messages
        .filter((m) => !wanted || m.to.some((t) => t.toLowerCase() === wanted || t.toLowerCase().endsWith(`<${wanted}>`)))
        .slice()
        .reverse()
    },
    get: (id) => messages.find((m) => m.id === id),
    clear() {
      messages = []
      persist()
    },
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])

export function createMailService(_ctx: ServiceContext, mailbox: Mailbox): Service {
  const app = new Hono()
  app.get('/api/messages', (c) => c.json(mailbox.list(c.req.query('to'))))
  app.delete('/api/messages', (c) => {
    mailbox.clear()
    return c.body(null, 204)
  })
  app.post('/emails', async (c) => {
    let body: any
    try {
      body = await c.req.json()
    } catch {
      return c.json({ statusCode: 422, name: 'validation_error', message: 'Invalid JSON body' }, 422)
    }
    const to = asList(body?.to)
    if (!body?.from || to.length === 0 || !body?.subject || (!body?.html && !body?.text)) {
      return c.json(
        { statusCode: 422, name: 'missing_required_field', message: 'Missing `from`, `to`, `subject` or content.' },
        422,
      )
    }
    const id = await mailbox.send({
      to,
      from: String(body.from),
      subject: String(body.subject),
      text: String(body.text ?? ''),
      html: String(body.html ?? ''),
    })
    return c.json({ id })
  })
  app.get('/messages/:id', (c) => {
    const m = mailbox.get(c.req.param('id'))
    if (!m) return c.text('Message introuvable', 404)
    return c.html(m.html || `<pre>${escapeHtml(m.text)}</pre>`)
  })
  app.get('/', (c) => {
    const rows = mailbox
      .list(c.req.query('to'))
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.created_at.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
          `<td><a href="/mail/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
      )
      .join('')
    return c.html(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boîte mail locale</title>
<style>body{font:14px system-ui;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left}a{color:#111}</style>
</head><body><h1>Boîte mail locale</h1><p>${mailbox.list().length} message(s). Rien ne quitte cette machine.</p>
<table><thead><tr><th>Reçu (UTC)</th><th>À</th><th>Objet</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Aucun message.</td></tr>'}</tbody></table></body></html>`)
  })
  return { app: app as unknown as Service['app'] }
}
