// `npm test`: every test layer, one after the other (the machines have two
// cores; the layers each start their own Postgres, workerd or browser), then
// one summary. A failing layer does not stop the others, so one run tells
// everything; the exit code is non-zero when anything failed.
//
//   node scripts/test-all.ts            all layers
//   node scripts/test-all.ts db e2e     only the named layers
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const reports = path.join(root, '.local', 'test-reports')

interface Layer {
  name: string
  what: string
  kind: 'vitest' | 'playwright'
  config: string
}

const LAYERS: Layer[] = [
  { name: 'supabase-local', what: 'local Supabase server contract (REST, Auth, Storage, mail)', kind: 'vitest', config: 'tools/supabase-local/vitest.config.ts' },
  { name: 'cinetpay-sandbox', what: 'CinetPay sandbox contract', kind: 'vitest', config: 'tools/cinetpay-sandbox/vitest.config.ts' },
  { name: 'db', what: 'migrations: RLS matrix, lints, money rules, seed', kind: 'vitest', config: 'tests/db/vitest.config.ts' },
  { name: 'pdf', what: 'PDF documents (Node)', kind: 'vitest', config: 'app/lib/pdf/vitest.config.ts' },
  { name: 'pdf-workers', what: 'PDF documents in workerd', kind: 'vitest', config: 'app/lib/pdf/vitest.workers.config.ts' },
  { name: 'payments', what: 'CinetPay core in workerd (x-token vectors, client, decisions)', kind: 'vitest', config: 'app/lib/payments/vitest.config.ts' },
  { name: 'payments-wiring', what: 'payments wired to the stack in workerd (webhook, queue, pay, exactly once)', kind: 'vitest', config: 'app/lib/payments/vitest.wiring.config.ts' },
  { name: 'workers', what: 'app in workerd: loaders, actions, guards, webhook, queue', kind: 'vitest', config: 'tests/workers/vitest.config.ts' },
  { name: 'e2e', what: 'Playwright end to end in Chromium', kind: 'playwright', config: 'playwright.config.ts' },
]

interface Counts {
  passed: number
  failed: number
  skipped: number
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null
  const r = JSON.parse(readFileSync(file, 'utf8'))
  return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) }
}

function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {}
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 }
}

const wanted = process.argv.slice(2)
const layers = wanted.length ? LAYERS.filter((l) => wanted.includes(l.name)) : LAYERS
if (wanted.length && layers.length !== wanted.length) {
  console.error(`Couches inconnues : ${wanted.filter((w) => !LAYERS.some((l) => l.name === w)).join(', ')}`)
  process.exit(2)
}

rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const results: { layer: Layer; exit: number; counts: Counts | null; seconds: number }[] = []

for (const layer of layers) {
  if (!existsSync(path.join(root, layer.config))) {
    console.error(`\n✖ ${layer.name}: ${layer.config} est introuvable`)
    results.push({ layer, exit: 1, counts: null, seconds: 0 })
    continue
  }
  console.log(`\n━━ ${layer.name} — ${layer.what}\n`)
  const started = Date.now()
  const report = path.join(reports, `${layer.name}.json`)
  let exit: number
  let counts: Counts | null
  if (layer.kind === 'vitest') {
    exit = await run(bin('vitest'), ['run', '--config', layer.config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], process.env)
    counts = vitestCounts(report)
  } else {
    exit = await run(bin('playwright'), ['test', '--config', layer.config, '--reporter=list,json'], {
      ...process.env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    })
    counts = playwrightCounts(report)
  }
  results.push({ layer, exit, counts, seconds: (Date.now() - started) / 1000 })
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 }
console.log('\n━━ Résumé\n')
for (const { layer, exit, counts, seconds } of results) {
  const c = counts ?? { passed: 0, failed: 0, skipped: 0 }
  // A layer that crashed before reporting counts as one failure.
  const failed = c.failed || (exit !== 0 ? Math.max(1, c.failed) : 0)
  total.passed += c.passed
  total.failed += failed
  total.skipped += c.skipped
  const mark = exit === 0 && failed === 0 ? '✓' : '✖'
  console.log(
    `${mark} ${layer.name.padEnd(17)} ${String(c.passed).padStart(5)} réussis  ${String(failed).padStart(3)} échoués  ${String(c.skipped).padStart(3)} ignorés  ${seconds.toFixed(0).padStart(4)} s`,
  )
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed > 0 || results.some((r) => r.exit !== 0) ? 1 : 0)
