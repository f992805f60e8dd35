// Benchmark of /rest/v1 against the same query sent straight to Postgres.
//
//   node tools/supabase-local/bench/rest-bench.ts [--seconds 5] [--concurrency 20]
//
// The server runs in a child process (so the load generator does not share
// its event loop), on the `rest` test fixture: `public.notes` under an RLS
// policy `owner_id = auth.uid()`. Each virtual client is a different user
// with its own HS256 access token and reads its own notes by primary key:
//
//   REST:   GET /rest/v1/notes?select=*&id=eq.<uuid>   (apikey + user JWT), sent by a
//           minimal keep-alive HTTP/1.1 client on raw sockets (like wrk/autocannon) so the
//           load generator does not take the CPU the server needs
//   direct: select * from public.notes where id = $1   (as `authenticated`, same
//           claims and RLS policy, one prepared statement, pool of N connections)
//
// Prints p50/p95 latency of both, their ratio (target: REST p50 ≤ 3× direct),
// requests per second, and the server process' peak RSS.
//
// A third leg, "same tx over pg", sends exactly what /rest/v1 sends to
// Postgres for that request (BEGIN READ ONLY + set_config + the compiled
// statement + COMMIT, one message, through src/rest/db.ts) without HTTP: it
// separates the cost of a PostgREST-faithful transaction from the cost of the
// HTTP layer. On Linux, CPU time per request of the server process, the
// Postgres backends and this load generator is printed too (latencies on a
// shared 2-core machine move with its load; CPU per request does not).
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { SignJWT } from 'jose'
import { buildReadTree, compileRead } from '../src/rest/compiler.ts'
import { inTransaction } from '../src/rest/db.ts'
import { parseQueryParams } from '../src/rest/parser.ts'
import { findTable, loadSchemaCache } from '../src/rest/schema-cache.ts'

const USERS_ROWS = 50

interface Ready {
  apiUrl: string
  dbUrl: string
  anonKey: string
  jwtSecret: string
}

// ---------------------------------------------------------------------------
// Parent: load generator
// ---------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/**
 * One keep-alive HTTP/1.1 connection sending GETs one at a time and reading
 * Content-Length-framed responses: a few µs of client CPU per request.
 */
class RawHttpConnection {
  socket: net.Socket
  buffer = Buffer.alloc(0)
  waiting: { resolve(r: { status: number; body: string }): void; reject(e: Error): void } | null = null

  constructor(host: string, port: number) {
    this.socket = net.connect(port, host)
    this.socket.setNoDelay(true)
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
      this.drain()
    })
    this.socket.on('error', (e) => this.waiting?.reject(e))
  }

  drain() {
    if (!this.waiting) return
    const end = this.buffer.indexOf('\r\n\r\n')
    if (end === -1) return
    const head = this.buffer.subarray(0, end).toString('latin1')
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
    if (this.buffer.length < end + 4 + length) return
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')
    this.buffer = this.buffer.subarray(end + 4 + length)
    const waiting = this.waiting
    this.waiting = null
    waiting.resolve({ status: Number(head.slice(9, 12)), body })
  }

  get(path: string, headers: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\n${headers}\r\n`)
    })
  }

  close() {
    this.socket.destroy()
  }
}

/** Runs `concurrency` loops of `op` for `seconds`; returns latencies (ms) and throughput. */
async function load(concurrency: number, seconds: number, op: (client: number) => Promise<void>) {
  const latencies: number[] = []
  const deadline = performance.now() + seconds * 1000
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now()
        await op(client)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const elapsed = (performance.now() - start) / 1000
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), rps: latencies.length / elapsed, n: latencies.length }
}

/** CPU time (µs) of a process so far, from /proc (Linux); null elsewhere. */
function cpuMicros(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100
  } catch {
    return null
  }
}
function postgresPids(dataPort: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', 'postgres'], { encoding: 'utf8' })
    return out.trim().split('\n').map(Number).filter((pid) => {
      try {
        // Backends of *this* cluster: their parent is the postmaster listening on our port.
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        if (cmd.includes(`-p\u0000${dataPort}`) || cmd.includes(`port=${dataPort}`)) return true
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1])
        const pcmd = readFileSync(`/proc/${ppid}/cmdline`, 'utf8')
        return pcmd.includes(dataPort)
      } catch {
        return false
      }
    })
  } catch {
    return []
  }
}

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '20' } },
  })
  const seconds = Number(values.seconds)
  const concurrency = Number(values.concurrency)

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)))
    child.on('message', (m: any) => m.ready && resolve(m.ready))
  })
  const stop = () => {
    child.removeAllListeners('exit')
    child.send('stop')
  }

  try {
    // Users, their notes (inserted as superuser) and their access tokens.
    const admin = new pg.Client({ connectionString: ready.dbUrl })
    await admin.connect()
    const users = Array.from({ length: concurrency }, () => crypto.randomUUID())
    const notes: string[][] = []
    for (const u of users) {
      const res = await admin.query(
        `insert into public.notes (owner_id, body) select $1, 'note ' || g from generate_series(1, ${USERS_ROWS}) g returning id`,
        [u],
      )
      notes.push(res.rows.map((r) => r.id))
    }
    await admin.query('analyze public.notes')
    await admin.end()
    const secret = new TextEncoder().encode(ready.jwtSecret)
    const now = Math.floor(Date.now() / 1000)
    const tokens = await Promise.all(
      users.map((sub) =>
        new SignJWT({ sub, role: 'authenticated', aud: 'authenticated', session_id: crypto.randomUUID(), is_anonymous: false })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuedAt(now)
          .setExpirationTime(now + 3600)
          .sign(secret),
      ),
    )
    const pick = (client: number) => notes[client][Math.floor(Math.random() * USERS_ROWS)]

    // REST over keep-alive HTTP connections (one per virtual client, opened per phase:
    // the server closes keep-alive sockets idle for 5 s).
    const api = new URL(ready.apiUrl)
    let conns: RawHttpConnection[] = []
    const openConnections = () => {
      conns.forEach((c) => c.close())
      conns = users.map(() => new RawHttpConnection(api.hostname, Number(api.port)))
    }
    const headerLines = tokens.map((t) => `apikey: ${ready.anonKey}\r\nAuthorization: Bearer ${t}\r\nAccept-Profile: public\r\n`)
    const restOp = async (client: number) => {
      const res = await conns[client].get(`/rest/v1/notes?select=*&id=eq.${pick(client)}`, headerLines[client])
      if (res.status !== 200 || res.body.length < 10) throw new Error(`REST ${res.status}: ${res.body}`)
    }

    // The same query straight to Postgres: same role, same claims, same policy.
    const pool = new pg.Pool({ connectionString: ready.dbUrl.replace('postgres:postgres@', 'authenticator:postgres@'), max: concurrency })
    const clients = await Promise.all(users.map(() => pool.connect()))
    await Promise.all(
      clients.map((c, i) =>
        c.query(`set role authenticated; select set_config('request.jwt.claims', $$${JSON.stringify({ sub: users[i], role: 'authenticated' })}$$, false)`),
      ),
    )
    const directOp = async (client: number) => {
      const res = await clients[client].query({ name: 'pk_select', text: 'select * from public.notes where id = $1', values: [pick(client)] })
      if (res.rowCount !== 1) throw new Error('direct query returned no row (RLS?)')
    }

    // What /rest/v1 sends to Postgres for the same request, without HTTP.
    const adminPool = new pg.Pool({ connectionString: ready.dbUrl, max: 1 })
    const cache = await loadSchemaCache(adminPool, ['public', 'graphql_public'])
    await adminPool.end()
    const txPool = new pg.Pool({ connectionString: ready.dbUrl.replace('postgres:postgres@', 'authenticator:postgres@'), max: concurrency })
    const notesTable = findTable(cache, 'public', 'notes')
    const txOp = async (client: number) => {
      const qp = parseQueryParams(`select=*&id=eq.${pick(client)}`, false)
      const root = buildReadTree({ cache, schema: 'public', action: 'read', rootTable: notesTable, rootName: 'notes', qp, maxRows: 1000 })
      const compiled = compileRead({ root, body: { kind: 'json', strip: false }, count: null, maxRows: 1000 })
      const claims = JSON.stringify({ sub: users[client], role: 'authenticated', aud: 'authenticated' })
      const settings: [string, string][] = [
        ['search_path', '"public", "public", "extensions"'], ['statement_timeout', '8s'], ['role', 'authenticated'],
        ['request.jwt.claims', claims], ['request.method', 'GET'], ['request.path', '/notes'],
        ['request.headers', JSON.stringify({ apikey: ready.anonKey, authorization: `Bearer ${tokens[client]}` })], ['request.cookies', '{}'],
      ]
      const rows = await inTransaction(txPool, { readOnly: true, isolation: 'read committed', settings }, compiled, true, async (r) => ({ commit: true, value: r }))
      if (rows[0]?.page_total !== '1') throw new Error('same-tx leg returned no row')
    }

    // Warm up every path (JIT, JWT cache, prepared statements, buffers).
    openConnections()
    await load(concurrency, 1, restOp)
    await load(concurrency, 1, txOp)
    await load(concurrency, 1, directOp)

    const port = new URL(ready.dbUrl).port
    const measured = async (op: (client: number) => Promise<void>) => {
      const pgPids = postgresPids(port)
      const sum = (pids: number[]) => pids.reduce((acc, pid) => acc + (cpuMicros(pid) ?? 0), 0)
      const before = { srv: cpuMicros(child.pid!), me: cpuMicros(process.pid), pg: sum(pgPids) }
      const r = await load(concurrency, seconds, op)
      const after = { srv: cpuMicros(child.pid!), me: cpuMicros(process.pid), pg: sum(postgresPids(port)) }
      const per = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / r.n)
      return { ...r, cpu: { server: per(before.srv, after.srv), postgres: pgPids.length ? per(before.pg, after.pg) : null, loadgen: per(before.me, after.me) } }
    }
    const direct = await measured(directOp)
    const sameTx = await measured(txOp)
    openConnections()
    const restRes = await measured(restOp)
    await txPool.end()
    child.send('rss')
    const rss = await new Promise<number>((resolve) => child.on('message', (m: any) => m.maxRssKb && resolve(m.maxRssKb)))

    clients.forEach((c) => c.release())
    await pool.end()
    conns.forEach((c) => c.close())

    const ratio = restRes.p50 / direct.p50
    const fmt = (n: number) => n.toFixed(2).padStart(8)
    const us = (n: number | null) => (n === null ? '     n/a' : `${n.toFixed(0).padStart(5)} µs`)
    const line = (label: string, r: typeof restRes) =>
      `  ${label.padEnd(16)}${fmt(r.p50)}  ${fmt(r.p95)}  ${r.rps.toFixed(0).padStart(8)}  ${us(r.cpu.server)}  ${us(r.cpu.postgres)}  ${us(r.cpu.loadgen)}`
    console.log(`
/rest/v1 primary-key select under RLS — ${concurrency} concurrent clients, ${seconds} s per run
(CPU columns: CPU time per request of the server process / Postgres backends / this load generator)

                  p50 (ms)  p95 (ms)     req/s      server    postgres     loadgen
${line('REST', restRes)}
${line('same tx over pg', sameTx)}
${line('direct pg', direct)}

  REST p50 / direct p50          = ${ratio.toFixed(2)}×  (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'})
  REST p50 / same tx over pg p50 = ${(restRes.p50 / sameTx.p50).toFixed(2)}×  (HTTP + JWT + planning overhead)
  server peak RSS                = ${(rss / 1024).toFixed(0)} MiB
`)
  } finally {
    stop()
  }
}

// ---------------------------------------------------------------------------
// Child: the server under test
// ---------------------------------------------------------------------------

async function serveForBench() {
  const { startTestServer, fixtureProject } = await import('../test/helpers.ts')
  const server = await startTestServer({ projectRoot: fixtureProject('rest') })
  process.on('message', async (m: any) => {
    if (m === 'rss') process.send!({ maxRssKb: process.resourceUsage().maxRSS })
    if (m === 'stop') {
      await server.close()
      process.exit(0)
    }
  })
  const ready: Ready = { apiUrl: server.apiUrl, dbUrl: server.dbUrl, anonKey: server.anonKey, jwtSecret: server.jwtSecret }
  process.send!({ ready })
}

// Entry point: the same file is the load generator and, forked with --server, the server.
if (process.argv[2] === '--server') await serveForBench()
else await main()
