// Prints, per client route, the gzipped JavaScript a phone downloads on the
// first load of that page (budget: 120 KB), from a production build.
//
//   node scripts/bench-client-bundle.ts            builds first
//   node scripts/bench-client-bundle.ts --no-build reuses build/
//
// The first load is: the route manifest, the client entry and its imports,
// and the modules (with their imports) of every route on the matched branch
// (root → _client layout → page). Shared chunks count once.
// The Supabase round-trip budget of the same loaders (≤ 2 sequential) is
// asserted by tests/workers/client-dashboard.test.ts ("round-trip budget").
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const clientDir = path.join(root, 'build', 'client')
const BUDGET_KB = 120

if (!process.argv.includes('--no-build')) {
  console.log('Build de production (react-router build)…')
  execFileSync(path.join(root, 'node_modules', '.bin', 'react-router'), ['build'], { cwd: root, stdio: 'ignore' })
}

interface RouteEntry {
  id: string
  parentId?: string
  path?: string
  module: string
  imports?: string[]
  hasDefaultExport: boolean
}
interface Manifest {
  url?: string
  entry: { module: string; imports: string[] }
  routes: Record<string, RouteEntry>
}

const manifestFile = readdirSync(path.join(clientDir, 'assets')).find((f) => /^manifest-.*\.js$/.test(f))
if (!manifestFile) throw new Error('build/client/assets/manifest-*.js introuvable : lancez le build.')
const manifestSource = readFileSync(path.join(clientDir, 'assets', manifestFile), 'utf8')
const manifest = JSON.parse(manifestSource.replace(/^window\.__reactRouterManifest=/, '').replace(/;\s*$/, '')) as Manifest

const gzCache = new Map<string, number>()
function gzipBytes(url: string): number {
  if (!gzCache.has(url)) {
    const bytes = readFileSync(path.join(clientDir, url.replace(/^\//, '')))
    gzCache.set(url, gzipSync(bytes, { level: 9 }).length)
  }
  return gzCache.get(url)!
}

function branch(id: string): RouteEntry[] {
  const chain: RouteEntry[] = []
  for (let r: RouteEntry | undefined = manifest.routes[id]; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
    chain.unshift(r)
  }
  return chain
}

function fullPath(id: string): string {
  return '/' + branch(id).map((r) => r.path ?? '').filter(Boolean).join('/')
}

const clientPages = Object.values(manifest.routes)
  .filter((r) => r.id.startsWith('routes/_client.') && r.hasDefaultExport)
  .sort((a, b) => fullPath(a.id).localeCompare(fullPath(b.id)))

const rows = clientPages.map((route) => {
  const files = new Set<string>([`/assets/${manifestFile}`, manifest.entry.module, ...manifest.entry.imports])
  for (const r of branch(route.id)) {
    files.add(r.module)
    for (const i of r.imports ?? []) files.add(i)
  }
  const js = [...files].filter((f) => f.endsWith('.js'))
  const bytes = js.reduce((total, f) => total + gzipBytes(f), 0)
  return { path: fullPath(route.id), files: js.length, kb: bytes / 1024 }
})

const width = Math.max(...rows.map((r) => r.path.length), 10)
console.log(`\nJavaScript au premier chargement, gzip niveau 9 (budget ${BUDGET_KB} Ko)\n`)
console.log(`${'route'.padEnd(width)}  fichiers   Ko gzip`)
for (const r of rows) {
  const mark = r.kb <= BUDGET_KB ? '✓' : '✖ au-dessus du budget'
  console.log(`${r.path.padEnd(width)}  ${String(r.files).padStart(8)}  ${r.kb.toFixed(1).padStart(8)}  ${mark}`)
}
const over = rows.filter((r) => r.kb > BUDGET_KB)
console.log(`\n${rows.length} routes client, ${over.length} au-dessus du budget.`)
process.exitCode = over.length ? 1 : 0
