// Benchmark of the CinetPay webhook on the local stack: fires N notifications
// (valid, duplicates of them, forged) at /api/webhooks/cinetpay, prints
// throughput and latency (p50/p95/p99 per kind), then verifies exactly-once in
// the database: one payment per paid transaction, every invoice paid once,
// every forged notification refused and changing nothing.
//
// Usage (Node 24):
//   node scripts/bench-webhook.ts [--transactions 20] [--duplicates 4] [--forged 2] [--concurrency 16]
//                                 [--stack-file stack.json]
// --stack-file: JSON of a running stack (tests/support/stack.ts: app_url,
// supabase_url, serviceRoleKey, cinetpay_url). Without it, the script starts
// an isolated stack on free ports (about two minutes) and stops it at the end.
//
// How the transactions are prepared: a due invoice per transaction, an
// attempt inserted as the pay action does (service role), registered at the
// sandbox with /v2/payment and completed there as "accepted" — with its own
// notifications switched off (dropNotifications), so that the only
// notifications the app receives are the ones this script sends.
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createClient } from '@supabase/supabase-js'

const { values: args } = parseArgs({
  options: {
    transactions: { type: 'string', default: '20' },
    duplicates: { type: 'string', default: '4' },
    forged: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    'stack-file': { type: 'string' },
  },
})
const T = Number(args.transactions)
const DUP = Number(args.duplicates)
const FORGED = Number(args.forged)
const CONCURRENCY = Number(args.concurrency)

// Local sandbox credentials (scripts/dev.ts, tools/cinetpay-sandbox/src/defaults.ts): local only.
const CINETPAY = { apiKey: 'nourx-local-cinetpay-apikey', siteId: '105900001', secretKey: 'nourx-local-cinetpay-secret-key' }
const ACME = '20000000-0000-4000-8000-000000000001'
const HMAC_FIELDS = [
  'cpm_site_id', 'cpm_trans_id', 'cpm_trans_date', 'cpm_amount', 'cpm_currency', 'signature', 'payment_method',
  'cel_phone_num', 'cpm_phone_prefixe', 'cpm_language', 'cpm_version', 'cpm_payment_config', 'cpm_page_action',
  'cpm_custom', 'cpm_designation', 'cpm_error_message',
] as const

interface Stack {
  app_url: string
  supabase_url: string
  serviceRoleKey: string
  cinetpay_url: string | null
  stop?: () => Promise<void>
}

async function getStack(): Promise<Stack> {
  if (args['stack-file']) return JSON.parse(readFileSync(args['stack-file'], 'utf8')) as Stack
  console.log('Démarrage d’une pile isolée (Supabase local, bac à sable CinetPay, application)…')
  const { startStack } = await import('../tests/support/stack.ts')
  return startStack()
}

const sign = (fields: Record<string, string>, secret: string) =>
  createHmac('sha256', secret).update(HMAC_FIELDS.map((k) => fields[k] ?? '').join(''), 'utf8').digest('hex')

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function main() {
  const stack = await getStack()
  if (!stack.cinetpay_url) throw new Error('La pile n’a pas de bac à sable CinetPay (cinetpay_url absent).')
  const admin = createClient(stack.supabase_url, stack.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } })
  const webhook = `${stack.app_url}/api/webhooks/cinetpay`
  try {
    // Warm-up: the first request makes Vite compile the Worker modules.
    await fetch(webhook)
    await fetch(`${stack.cinetpay_url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dropNotifications: true }),
    })

    console.log(`Préparation de ${T} transactions (facture due + tentative + paiement accepté côté bac à sable)…`)
    const today = new Date().toISOString().slice(0, 10)
    const txs: { id: string; invoiceId: string; amount: number }[] = []
    for (let i = 0; i < T; i++) {
      const amount = 1000 + 5 * i
      const { data: inv, error } = await admin
        .from('invoices')
        .insert({ client_id: ACME, title: `Bench webhook ${i + 1}`, vat_rate: 0, issue_date: today, due_date: today })
        .select('id')
        .single()
      if (error) throw error
      const items = await admin.from('invoice_items').insert({ invoice_id: inv.id, position: 1, label: 'Bench', quantity: 1, unit_price: amount })
      if (items.error) throw items.error
      const sent = await admin.from('invoices').update({ status: 'sent' }).eq('id', inv.id)
      if (sent.error) throw sent.error
      const id = `NXBENCH${randomBytes(6).toString('hex').toUpperCase()}`
      const att = await admin.from('payment_attempts').insert({ invoice_id: inv.id, client_id: ACME, transaction_id: id, amount })
      if (att.error) throw att.error
      const init = await fetch(`${stack.cinetpay_url}/v2/payment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'NOURX-bench/1.0' },
        body: JSON.stringify({
          apikey: CINETPAY.apiKey, site_id: CINETPAY.siteId, transaction_id: id, amount, currency: 'XOF',
          description: `Bench ${i + 1}`, notify_url: webhook, return_url: `${stack.app_url}/`, channels: 'MOBILE_MONEY', lang: 'fr',
        }),
      })
      if (!init.ok) throw new Error(`init ${id} : ${init.status} ${await init.text()}`)
      const done = await fetch(`${stack.cinetpay_url}/__sandbox/transactions/${id}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'accepted' }),
      })
      if (!done.ok) throw new Error(`complete ${id} : ${done.status}`)
      txs.push({ id, invoiceId: inv.id, amount })
    }

    // The notifications: per transaction 1 valid + DUP identical copies + FORGED with a wrong token.
    type Kind = 'valide' | 'doublon' | 'falsifiée'
    const jobs: { kind: Kind; tx: string; body: string; token: string }[] = []
    for (const t of txs) {
      const fields: Record<string, string> = {
        cpm_site_id: CINETPAY.siteId, cpm_trans_id: t.id, cpm_trans_date: new Date().toISOString().slice(0, 19).replace('T', ' '),
        cpm_amount: String(t.amount), cpm_currency: 'XOF', signature: randomBytes(32).toString('hex'), payment_method: 'OM',
        cel_phone_num: '0707000001', cpm_phone_prefixe: '225', cpm_language: 'fr', cpm_version: 'V4',
        cpm_payment_config: 'Single', cpm_page_action: 'Payment', cpm_custom: '', cpm_designation: 'Bench', cpm_error_message: 'SUCCES',
      }
      const body = new URLSearchParams(fields).toString()
      const token = sign(fields, CINETPAY.secretKey)
      jobs.push({ kind: 'valide', tx: t.id, body, token })
      for (let d = 0; d < DUP; d++) jobs.push({ kind: 'doublon', tx: t.id, body, token })
      for (let f = 0; f < FORGED; f++) jobs.push({ kind: 'falsifiée', tx: t.id, body, token: sign(fields, `forged-${f}`) })
    }
    // Shuffled, so duplicates and forgeries race with the valid one.
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1))
      ;[jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!]
    }

    console.log(`Envoi de ${jobs.length} notifications (${T} valides, ${T * DUP} doublons, ${T * FORGED} falsifiées), concurrence ${CONCURRENCY}…`)
    const results: { kind: Kind; status: number; ms: number }[] = []
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!
          const t0 = performance.now()
          const res = await fetch(webhook, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-token': job.token, 'user-agent': 'CinetPay-bench' },
            body: job.body,
          })
          await res.arrayBuffer()
          results.push({ kind: job.kind, status: res.status, ms: performance.now() - t0 })
        }
      }),
    )
    const elapsed = (performance.now() - started) / 1000

    console.log(`\nDébit : ${(jobs.length / elapsed).toFixed(1)} notifications/s (${jobs.length} en ${elapsed.toFixed(2)} s)`)
    console.log('Type        nombre  statuts            p50 ms  p95 ms  p99 ms  max ms')
    for (const kind of ['valide', 'doublon', 'falsifiée', 'tout'] as const) {
      const rows = kind === 'tout' ? results : results.filter((r) => r.kind === kind)
      const ms = rows.map((r) => r.ms).sort((a, b) => a - b)
      const statuses = Object.entries(
        rows.reduce<Record<number, number>>((acc, r) => ((acc[r.status] = (acc[r.status] ?? 0) + 1), acc), {}),
      )
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')
      console.log(
        `${kind.padEnd(11)} ${String(rows.length).padStart(6)}  ${statuses.padEnd(17)} ${percentile(ms, 50).toFixed(0).padStart(6)} ${percentile(ms, 95).toFixed(0).padStart(7)} ${percentile(ms, 99).toFixed(0).padStart(7)} ${(ms.at(-1) ?? 0).toFixed(0).padStart(7)}`,
      )
    }

    // Exactly-once verification, straight from the database.
    const ids = txs.map((t) => t.id)
    const [payments, attempts, invoices, notifications] = await Promise.all([
      admin.from('payments').select('transaction_id').in('transaction_id', ids),
      admin.from('payment_attempts').select('transaction_id, status').in('transaction_id', ids),
      admin.from('invoices').select('id, status, amount_paid, total_ttc').in('id', txs.map((t) => t.invoiceId)),
      admin.from('payment_notifications').select('transaction_id, outcome, token_valid').in('transaction_id', ids),
    ])
    for (const r of [payments, attempts, invoices, notifications]) if (r.error) throw r.error
    const perTx = new Map<string, number>()
    for (const p of payments.data!) perTx.set(p.transaction_id, (perTx.get(p.transaction_id) ?? 0) + 1)
    const problems: string[] = []
    for (const t of txs) {
      const n = perTx.get(t.id) ?? 0
      if (n !== 1) problems.push(`${t.id} : ${n} paiement(s) au lieu de 1`)
    }
    for (const a of attempts.data!) if (a.status !== 'accepted') problems.push(`${a.transaction_id} : tentative « ${a.status} »`)
    for (const i of invoices.data!) {
      if (i.status !== 'paid' || i.amount_paid !== i.total_ttc) problems.push(`facture ${i.id} : ${i.status}, payé ${i.amount_paid}/${i.total_ttc}`)
    }
    const forgedRows = notifications.data!.filter((n) => !n.token_valid)
    if (forgedRows.length !== T * FORGED) problems.push(`${forgedRows.length} notifications falsifiées journalisées au lieu de ${T * FORGED}`)
    if (forgedRows.some((n) => n.outcome !== 'rejected_token')) problems.push('une notification falsifiée n’a pas été refusée')
    const wrongStatus = results.filter((r) => (r.kind === 'falsifiée' ? r.status !== 401 : r.status !== 200))
    if (wrongStatus.length) problems.push(`${wrongStatus.length} réponses HTTP inattendues`)
    if (notifications.data!.length !== jobs.length) problems.push(`${notifications.data!.length} notifications journalisées au lieu de ${jobs.length}`)

    console.log(`\nVérification « exactement une fois » sur ${T} transactions :`)
    console.log(`  paiements : ${payments.data!.length} (attendu ${T}) · factures payées : ${invoices.data!.filter((i) => i.status === 'paid').length}/${T}`)
    console.log(`  notifications journalisées : ${notifications.data!.length}/${jobs.length} · falsifiées refusées : ${forgedRows.length}/${T * FORGED}`)
    if (problems.length) {
      console.log(`  ÉCHEC :\n  - ${problems.join('\n  - ')}`)
      process.exitCode = 1
    } else {
      console.log('  OK : un seul paiement par transaction, aucune notification falsifiée n’a rien changé.')
    }
  } finally {
    await fetch(`${stack.cinetpay_url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dropNotifications: false }),
    }).catch(() => undefined)
    await stack.stop?.()
  }
}

await main()
