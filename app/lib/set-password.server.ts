// Shared by /reinitialiser-mot-de-passe and /invitation: validate the new
// password, re-check the user with the auth server, then update.
import { data } from 'react-router'
import { authErrorMessage } from './auth-errors.server.ts'
import { requireFreshUser, type SessionUser } from './auth.server.ts'
import { getSupabase } from './context.server.ts'
import { fieldErrors, NewPasswordSchema } from './validation.ts'

export type SetPasswordResult = {
  errors?: { password?: string[]; confirmation?: string[]; fullName?: string[] }
  formError?: string
  fields?: { fullName?: string }
}

type Args = { request: Request; context: Parameters<typeof getSupabase>[0] }

export async function setPassword(
  args: Args,
  form: FormData,
  extra?: { fullName?: string },
): Promise<{ user: SessionUser } | { response: ReturnType<typeof data<SetPasswordResult>> }> {
  const parsed = NewPasswordSchema.safeParse({
    password: form.get('password') ?? '',
    confirmation: form.get('confirmation') ?? '',
  })
  if (!parsed.success) {
    return {
      response: data<SetPasswordResult>(
        { errors: fieldErrors<'password' | 'confirmation'>(parsed.error), fields: { fullName: extra?.fullName } },
        400,
      ),
    }
  }
  const user = await requireFreshUser(args)
  const { error } = await getSupabase(args.context).auth.updateUser({
    password: parsed.data.password,
    ...(extra?.fullName ? { data: { full_name: extra.fullName } } : {}),
  })
  if (error) {
    const status = error.status === 429 ? 429 : 400
    return { response: data<SetPasswordResult>({ formError: authErrorMessage(error), fields: { fullName: extra?.fullName } }, status) }
  }
  return { user }
}
