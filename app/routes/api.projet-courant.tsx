import { data, redirect } from 'react-router'
import { z } from 'zod'
import { requireClient } from '~/lib/auth.server.ts'
import { getEnv } from '~/lib/context.server.ts'
import { currentProjectCookie, getClientProjects } from '~/lib/projects.server.ts'
import { sanitizeRedirect } from '~/lib/redirect.ts'
import type { Route } from './+types/api.projet-courant'

/** Resource route: the project switcher posts here. */
export async function action({ request, context }: Route.ActionArgs) {
  await requireClient({ request, context })
  const form = await request.formData()
  const projectId = z.uuid().safeParse(form.get('projectId'))
  const back = sanitizeRedirect(form.get('redirectTo')) ?? '/dashboard'
  if (!projectId.success) throw data({ message: 'Projet invalide.' }, { status: 400 })
  // Only a project RLS lets this user read can become the current one.
  const { projects } = await getClientProjects(request, context)
  if (!projects.some((p) => p.id === projectId.data)) throw data({ message: 'Projet introuvable.' }, { status: 404 })
  throw redirect(back, {
    headers: { 'Set-Cookie': currentProjectCookie(projectId.data, !getEnv(context).isLocalHttp) },
  })
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireClient({ request, context })
  throw data({ message: 'Utilisez le sélecteur de projet.' }, { status: 405 })
}
