// The client's projects (what RLS lets them read) and the one they are
// looking at. The choice lives in a cookie set by /api/projet-courant; it is
// only a preference: a project id that is no longer visible falls back to
// the first project, so a stale cookie can never reveal anything.
import type { RouterContextProvider } from 'react-router'
import { getSupabase, supabaseContext } from './context.server.ts'

export interface ProjectSummary {
  id: string
  title: string
  status: string
  clientName: string | null
}

export interface ClientProjects {
  projects: ProjectSummary[]
  current: ProjectSummary | null
  /** True when the list could not be loaded (the shell says so). */
  failed: boolean
}

export const CURRENT_PROJECT_COOKIE = 'nourx-projet'

const STATUS_ORDER: Record<string, number> = { active: 0, on_hold: 1, draft: 2, completed: 3, cancelled: 4 }

type Ctx = Pick<RouterContextProvider, 'get'>

// One query per request, however many loaders ask (they share the context).
const cache = new WeakMap<object, Promise<ClientProjects>>()

export function getClientProjects(request: Request, context: Ctx): Promise<ClientProjects> {
  const key = context.get(supabaseContext)
  let pending = cache.get(key)
  if (!pending) {
    pending = loadClientProjects(request, context)
    cache.set(key, pending)
  }
  return pending
}

async function loadClientProjects(request: Request, context: Ctx): Promise<ClientProjects> {
  const { data, error } = await getSupabase(context)
    .from('projects')
    .select('id, title, status, clients(name)')
    .order('created_at', { ascending: false })
  if (error) {
    console.error(`[projects] liste non chargée : ${error.code ?? ''} ${error.message}`)
    return { projects: [], current: null, failed: true }
  }
  const projects: ProjectSummary[] = (data ?? [])
    .map((row) => ({
      id: String(row.id),
      title: String(row.title),
      status: String(row.status),
      clientName: (row.clients as { name?: string } | null)?.name ?? null,
    }))
    .sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9))
  const wanted = readCookie(request, CURRENT_PROJECT_COOKIE)
  const current = projects.find((p) => p.id === wanted) ?? projects[0] ?? null
  return { projects, current, failed: false }
}

function readCookie(request: Request, name: string): string | null {
  const raw = request.headers
    .get('Cookie')
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${name}=`))
  return raw ? decodeURIComponent(raw.slice(name.length + 1)) : null
}

export function currentProjectCookie(projectId: string, secure: boolean): string {
  return `${CURRENT_PROJECT_COOKIE}=${encodeURIComponent(projectId)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}
