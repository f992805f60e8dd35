import type { RouterContextProvider } from 'react-router'
import type { SessionUser } from './auth.server.ts'
import { getSupabase } from './context.server.ts'

export interface ShellProfile {
  name: string | null
  email: string
}

/** Name shown in the shells: the profile row, else the token's metadata. */
export async function getShellProfile(context: Pick<RouterContextProvider, 'get'>, user: SessionUser): Promise<ShellProfile> {
  const { data, error } = await getSupabase(context).from('profiles').select('full_name').eq('id', user.id).maybeSingle()
  if (error) console.error(`[profile] non chargé : ${error.code ?? ''} ${error.message}`)
  const name = typeof data?.full_name === 'string' && data.full_name.trim() ? data.full_name.trim() : user.fullName
  return { name, email: user.email }
}
