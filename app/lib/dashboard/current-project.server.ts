// The project chosen in the switcher, read from its cookie without a query
// (the loaders that can pass it to an RPC save a round trip). It is only a
// preference: RLS and the RPCs decide what it may show.
import { CURRENT_PROJECT_COOKIE } from '~/lib/projects.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function wantedProjectId(request: Request): string | null {
  const raw = request.headers
    .get('Cookie')
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${CURRENT_PROJECT_COOKIE}=`))
  if (!raw) return null
  const value = decodeURIComponent(raw.slice(CURRENT_PROJECT_COOKIE.length + 1))
  return UUID.test(value) ? value : null
}
