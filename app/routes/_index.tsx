import { redirect } from 'react-router'
import { getSessionUser } from '~/lib/auth.server.ts'
import { homeFor } from '~/lib/redirect.ts'
import type { Route } from './+types/_index'

/** `/` has no page of its own: the user's home, or the login page. */
export async function loader({ context }: Route.LoaderArgs) {
  const user = await getSessionUser({ context })
  throw redirect(user ? homeFor(user.role) : '/connexion')
}
