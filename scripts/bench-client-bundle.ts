// Prints, per client portal route, what a phone pays on the first load of
// that page (issue 5):
//   - the gzipped JavaScript it downloads (budget: 120 KB), from a production
//     build;
//   - the Supabase requests its loader makes, and how many of them are
//     sequential (budget: 2 round trips), measured in workerd against the
//     local stack by tests/workers/client-loader-budget.test.ts.
//
//   npm run bench:bundle                 builds into a temp dir, then measures
//   npm run bench:bundle -- --no-build   reuses $NOURX_BUILD_DIR (default build/)
//   npm run bench:bundle -- --no-loaders JavaScript only (no local stack)
//
// JavaScript counted, as React Router's <Scripts> sends it with lazy route
// discovery (the default): every file it modulepreloads (the client entry and
// its imports, then each route module of the matched branch — root → _client
// layout → page — with its imports; shared chunks count once), plus its
// inline module script (route imports and the partial manifest of the routes
// the page matches). The full manifest file is not loaded in that mode.
// Loader data is content, not code, and is not counted.
// Sizes: gzip level 9 per file, as each file travels on its own; 1 KB = 1024 bytes.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const BUDGET_KB = 120
const BUDGET_ROUND_TRIPS = 2

const build = !process.argv.includes('--no-build')
const buildDir = build
  ? mkdtempSync(path.join(tmpdir(), 'nourx-bench-build-'))
  : (process.env.NOURX_BUILD_DIR ?? path.join(root, 'build'))

if (build) {
  console.log('Build de production (react-router build)…')
  execFileSync(bin('react-router'), ['build'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NOURX_BUILD_DIR: buildDir },
  })
}
const clientDir = path.join(buildDir, 'client')

interface RouteEntry {
  id: string
  parentId?: string
  path?: string
  index?: boolean
  module: string
  imports?: string[]
  css?: string[]
  hasDefaultExport: boolean
  [key: string]: unknown
}
interface Manifest {
  url: string
  version: string
  entry: { module: string; imports: string[] }
  routes: Record<string, RouteEntry>
}

const manifestFile = readdirSync(path.join(clientDir, 'assets')).find((f) => /^manifest-.*\.js$/.test(f))
if (!manifestFile) throw new Error(`${clientDir}/assets/manifest-*.js introuvable : lancez le build.`)
const manifest = JSON.parse(
  readFileSync(path.join(clientDir, 'assets', manifestFile), 'utf8')
    .replace(/^window\.__reactRouterManifest=/, '')
    .replace(/;\s*$/, ''),
) as Manifest

const gzCache = new Map<string, number>()
function gzipFile(url: string): number {
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

/**
 * The inline script React Router renders for the page: one import per route
 * module of the branch, then the partial manifest (routes of the branch, plus
 * those matching "/" — the index route), pretty-printed as React Router does.
 */
function inlineScript(chain: RouteEntry[]): string {
  const ids = new Set(chain.map((r) => r.id))
  for (const r of Object.values(manifest.routes)) if (r.parentId === 'root' && r.index) ids.add(r.id)
  const routes = Object.fromEntries([...ids].map((id) => [id, manifest.routes[id]]))
  const partial = { ...manifest, routes }
  return [
    ...chain.map((r, i) => `import * as route${i} from ${JSON.stringify(r.module)};`),
    `window.__reactRouterManifest = ${JSON.stringify(partial, null, 2)};`,
    `window.__reactRouterRouteModules = {${chain.map((r, i) => `${JSON.stringify(r.id)}:route${i}`).join(',')}};`,
    `import(${JSON.stringify(manifest.entry.module)});`,
  ].join('\n')
}

const clientPages = Object.values(manifest.routes)
  .filter((r) => r.id.startsWith('routes/_client.') && r.hasDefaultExport)
  .sort((a, b) => fullPath(a.id).localeCompare(fullPath(b.id)))

const rows = clientPages.map((route) => {
  const chain = branch(route.id)
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
  for (const r of chain) {
    files.add(r.module)
    for (const i of r.imports ?? []) files.add(i)
  }
  const js = [...files].filter((f) => f.endsWith('.js'))
  const inline = gzipSync(inlineScript(chain), { level: 9 }).length
  const bytes = js.reduce((total, f) => total + gzipFile(f), 0) + inline
  return { path: fullPath(route.id), files: js.length, kb: bytes / 1024 }
})
if (build) rmSync(buildDir, { recursive: true, force: true })

// Supabase requests per loader, measured in workerd (see the test file).
interface LoaderFigure {
  route: string
  requests: number
  sequential: number
  status: number
}
const loaders = new Map<string, LoaderFigure>()
if (!process.argv.includes('--no-loaders')) {
  console.log('Requêtes Supabase des loaders (workerd + pile locale)…')
  const run = spawnSync(
    bin('vitest'),
    ['run', '--config', 'tests/workers/vitest.config.ts', 'tests/workers/client-loader-budget.test.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}:${process.env.PATH}`, NO_COLOR: '1' },
    },
  )
  for (const match of `${run.stdout}\n${run.stderr}`.matchAll(/LOADER_BUDGET (\{.*\})/g)) {
    const figure = JSON.parse(match[1]!) as LoaderFigure
    loaders.set(figure.route, figure)
  }
  if (run.status !== 0) {
    console.error(`\nLa mesure des loaders a échoué (code ${run.status}) :\n${run.stdout.slice(-3000)}${run.stderr.slice(-2000)}`)
    process.exitCode = 1
  }
}

const width = Math.max(...rows.map((r) => r.path.length), 16)
console.log(
  `\nPremier chargement par route client — JavaScript gzip (budget ${BUDGET_KB} Ko) et requêtes Supabase du loader ` +
    `(budget ${BUDGET_ROUND_TRIPS} allers-retours séquentiels)\n`,
)
console.log(`${'route'.padEnd(width)}  fichiers   Ko gzip  requêtes  séquentielles`)
const layout = loaders.get('(layout _client)')
if (layout) {
  console.log(`${'(layout _client)'.padEnd(width)}  ${''.padStart(8)}  ${''.padStart(8)}  ${String(layout.requests).padStart(8)}  ${String(layout.sequential).padStart(13)}`)
}
let overJs = 0
let overTrips = 0
for (const r of rows) {
  const l = loaders.get(r.path)
  const jsOk = r.kb <= BUDGET_KB
  const tripsOk = !l || l.sequential <= BUDGET_ROUND_TRIPS
  if (!jsOk) overJs++
  if (!tripsOk) overTrips++
  const marks = [jsOk ? '' : '✖ JS au-dessus du budget', tripsOk ? '' : '✖ trop d’allers-retours'].filter(Boolean)
  console.log(
    `${r.path.padEnd(width)}  ${String(r.files).padStart(8)}  ${r.kb.toFixed(1).padStart(8)}  ` +
      `${(l ? String(l.requests) : '—').padStart(8)}  ${(l ? String(l.sequential) : '—').padStart(13)}  ${marks.join(' ') || '✓'}`,
  )
}
const layoutOver = layout && layout.sequential > BUDGET_ROUND_TRIPS ? 1 : 0
console.log(
  `\n${rows.length} routes client : ${overJs} au-dessus du budget JavaScript, ` +
    `${overTrips + layoutOver} au-dessus du budget d’allers-retours.` +
    (loaders.size ? ' Le loader du layout _client tourne en parallèle de celui de chaque page.' : ''),
)
if (overJs || overTrips || layoutOver) process.exitCode = 1
