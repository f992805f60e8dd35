import { DownloadIcon } from '~/components/icons.tsx'
import { data, Form, useNavigation } from 'react-router'
import { SettingsSection } from '~/components/account/section.tsx'
import { FormError, TextareaField } from '~/components/forms.tsx'
import { TextField } from '~/components/text-field.tsx'
import { PageHeader } from '~/components/shell/page.tsx'
import { Button } from '~/components/ui/button.tsx'
import {
  changePassword,
  getAccount,
  replaceAvatar,
  requestDeletion,
  saveNotificationPreferences,
  setAnalyticsConsent,
  updateProfile,
} from '~/lib/account/account.server.ts'
import { AVATAR_TYPES, avatarProblem, CONTACT_LABEL, CONTACT_METHODS, EVENT_LABEL } from '~/lib/account/options.ts'
import {
  ConsentSchema,
  DeletionSchema,
  parseNotificationForm,
  PasswordSchema,
  ProfileSchema,
} from '~/lib/account/schemas.ts'
import { requireClient, requireFreshUser } from '~/lib/auth.server.ts'
import { unavailable } from '~/lib/billing/errors.server.ts'
import { getEnv, getRequestContext, getSupabase } from '~/lib/context.server.ts'
import { redirectWithFlash } from '~/lib/flash.server.ts'
import { formatDateTime } from '~/lib/format.ts'
import { fieldErrors } from '~/lib/validation.ts'
import type { Route } from './+types/_client.parametres'

export const meta: Route.MetaFunction = () => [{ title: 'Paramètres — Espace Client NOURX' }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireClient({ request, context })
  const result = await getAccount(getSupabase(context), user.id)
  if (!result.ok) unavailable('parametres', result.error)
  if (!result.value) throw data({ message: 'Votre profil est introuvable : contactez NOURX.' }, { status: 404 })
  return { account: result.value }
}

type Intent = 'profil' | 'avatar' | 'mot-de-passe' | 'notifications' | 'consentement' | 'suppression'
interface State {
  intent: Intent
  values: Record<string, string>
  errors: Record<string, string[] | undefined>
  formError: string | null
}
const INTENTS: Intent[] = ['profil', 'avatar', 'mot-de-passe', 'notifications', 'consentement', 'suppression']

function invalid(intent: Intent, values: Record<string, string>, errors: State['errors'], formError: string | null = null, status = 400) {
  return data<State>({ intent, values, errors, formError }, { status })
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireClient({ request, context })
  const form = await request.formData()
  const intent = INTENTS.find((i) => i === form.get('intent'))
  if (!intent) throw data({ message: 'Action inconnue.' }, { status: 400 })
  const supabase = getSupabase(context)
  const env = getEnv(context)
  const done = (anchor: string, message: string) => redirectWithFlash(`/parametres#${anchor}`, { kind: 'success', message }, env)
  // Text values only (never echo passwords back).
  const values: Record<string, string> = {}
  for (const [k, v] of form) if (typeof v === 'string' && !['current', 'password', 'confirmation'].includes(k)) values[k] = v

  switch (intent) {
    case 'profil': {
      const parsed = ProfileSchema.safeParse(values)
      if (!parsed.success) return invalid(intent, values, fieldErrors(parsed.error))
      const { error } = await updateProfile(supabase, user.id, parsed.data)
      if (error) {
        console.error(`[parametres] profil : ${error.code} ${error.message}`)
        return invalid(intent, values, {}, 'Votre profil n’a pas pu être enregistré. Réessayez dans un instant.', 500)
      }
      return done('profil', 'Profil enregistré.')
    }
    case 'avatar': {
      const file = form.get('avatar')
      const problem = avatarProblem(file instanceof File ? file : null)
      if (problem) return invalid(intent, values, { avatar: [problem] })
      const account = await getAccount(supabase, user.id)
      const saved = await replaceAvatar(supabase, user.id, file as File, account.ok ? (account.value?.avatar_path ?? null) : null)
      if (!saved.ok) return invalid(intent, values, {}, saved.message, 500)
      return done('profil', 'Photo de profil mise à jour.')
    }
    case 'mot-de-passe': {
      const fresh = await requireFreshUser({ request, context })
      const parsed = PasswordSchema.safeParse(Object.fromEntries(form))
      if (!parsed.success) return invalid(intent, {}, fieldErrors(parsed.error))
      const changed = await changePassword(supabase, env, fresh.email, parsed.data.current, parsed.data.password)
      if (!changed.ok) {
        return changed.field === 'form'
          ? invalid(intent, {}, {}, changed.message, 503)
          : invalid(intent, {}, { [changed.field]: [changed.message] })
      }
      return done('mot-de-passe', 'Mot de passe modifié.')
    }
    case 'notifications': {
      const { error } = await saveNotificationPreferences(supabase, user.id, parseNotificationForm(form))
      if (error) {
        console.error(`[parametres] notifications : ${error.code} ${error.message}`)
        return invalid(intent, values, {}, 'Vos préférences n’ont pas pu être enregistrées. Réessayez dans un instant.', 500)
      }
      return done('notifications', 'Préférences de notification enregistrées.')
    }
    case 'consentement': {
      const parsed = ConsentSchema.safeParse(values)
      if (!parsed.success) return invalid(intent, values, fieldErrors(parsed.error))
      const { error } = await setAnalyticsConsent(supabase, user.id, parsed.data.analytics === 'oui')
      if (error) {
        console.error(`[parametres] consentement : ${error.code} ${error.message}`)
        return invalid(intent, values, {}, 'Votre choix n’a pas pu être enregistré. Réessayez dans un instant.', 500)
      }
      return done('donnees', parsed.data.analytics === 'oui' ? 'Mesure d’audience acceptée. Merci !' : 'Mesure d’audience refusée.')
    }
    case 'suppression': {
      await requireFreshUser({ request, context })
      const parsed = DeletionSchema.safeParse(values)
      if (!parsed.success) return invalid(intent, values, fieldErrors(parsed.error))
      const filed = await requestDeletion(supabase, user.id, parsed.data.reason, getRequestContext(context))
      if (!filed.ok) return invalid(intent, values, {}, filed.message, 409)
      return done('donnees', 'Demande de suppression envoyée à NOURX. Vous serez contacté pour la confirmer.')
    }
  }
}

export default function Parametres({ loaderData, actionData }: Route.ComponentProps) {
  const { account } = loaderData
  const state = actionData as State | undefined
  const stateFor = (intent: Intent) => (state?.intent === intent ? state : undefined)
  const navigation = useNavigation()
  const busy = (intent: Intent) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  const profile = stateFor('profil')
  const avatar = stateFor('avatar')
  const password = stateFor('mot-de-passe')
  const notifications = stateFor('notifications')
  const consent = stateFor('consentement')
  const deletion = stateFor('suppression')
  const initials = (account.full_name || account.email)
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase()
  const deletionPending = account.deletion?.status === 'pending'

  return (
    <>
      <PageHeader title="Paramètres" description="Votre profil, votre mot de passe, vos notifications et vos données." />
      <div className="flex max-w-3xl flex-col gap-6">
        <SettingsSection id="profil" title="Profil et coordonnées" description={`Connecté avec ${account.email}. Pour changer d’adresse e-mail, écrivez à NOURX.`}>
          <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-center">
            {account.avatar_path ? (
              <img
                src={`/api/compte/avatar?v=${encodeURIComponent(account.updated_at)}`}
                alt="Votre photo de profil"
                className="size-16 shrink-0 rounded-full border object-cover"
              />
            ) : (
              <span className="flex size-16 shrink-0 items-center justify-center rounded-full bg-foreground text-lg font-semibold text-background" aria-hidden="true">
                {initials}
              </span>
            )}
            <Form method="post" encType="multipart/form-data" className="flex flex-col gap-2" aria-label="Photo de profil">
              <input type="hidden" name="intent" value="avatar" />
              <label htmlFor="avatar" className="text-sm font-medium">
                Photo de profil <span className="font-normal text-muted-foreground">(PNG, JPEG ou WebP, 2 Mo au plus)</span>
              </label>
              <div className="flex flex-wrap items-center gap-2">
                <input
                  id="avatar"
                  name="avatar"
                  type="file"
                  accept={AVATAR_TYPES.join(',')}
                  required
                  aria-invalid={avatar?.errors.avatar ? true : undefined}
                  className="max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-input file:bg-background file:px-3 file:py-1.5 file:text-sm file:font-medium"
                />
                <Button type="submit" variant="outline" size="sm" disabled={busy('avatar')}>
                  {busy('avatar') ? 'Envoi…' : 'Mettre à jour'}
                </Button>
              </div>
              <FormError message={avatar?.errors.avatar?.[0] ?? avatar?.formError} />
            </Form>
          </div>
          <Form method="post" className="flex flex-col gap-5" aria-label="Profil">
            <input type="hidden" name="intent" value="profil" />
            <FormError message={profile?.formError} />
            <TextField
              label="Nom complet"
              errors={profile?.errors.fullName}
              inputProps={{ name: 'fullName', autoComplete: 'name', required: true, maxLength: 120, defaultValue: profile?.values.fullName ?? account.full_name }}
            />
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField
                label="Téléphone"
                errors={profile?.errors.phone}
                inputProps={{ name: 'phone', type: 'tel', autoComplete: 'tel', placeholder: '+225 07 00 00 00 00', maxLength: 20, defaultValue: profile?.values.phone ?? account.phone ?? '' }}
              />
              <TextField
                label="WhatsApp"
                errors={profile?.errors.whatsapp}
                inputProps={{ name: 'whatsapp', type: 'tel', placeholder: '+225 07 00 00 00 00', maxLength: 20, defaultValue: profile?.values.whatsapp ?? account.whatsapp ?? '' }}
              />
            </div>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium">Comment préférez-vous être contacté ?</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {CONTACT_METHODS.map((method) => (
                  <label key={method} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="preferredContact"
                      value={method}
                      defaultChecked={(profile?.values.preferredContact ?? account.preferred_contact) === method}
                      className="size-4 accent-foreground"
                    />
                    {CONTACT_LABEL[method]}
                  </label>
                ))}
              </div>
              {profile?.errors.preferredContact && <p className="text-sm text-destructive">{profile.errors.preferredContact[0]}</p>}
            </fieldset>
            <Button type="submit" className="w-full sm:w-fit" disabled={busy('profil')}>
              {busy('profil') ? 'Enregistrement…' : 'Enregistrer le profil'}
            </Button>
          </Form>
        </SettingsSection>

        <SettingsSection id="mot-de-passe" title="Mot de passe">
          <Form method="post" className="flex flex-col gap-5" aria-label="Mot de passe">
            <input type="hidden" name="intent" value="mot-de-passe" />
            <FormError message={password?.formError} />
            <TextField
              label="Mot de passe actuel"
              errors={password?.errors.current}
              inputProps={{ name: 'current', type: 'password', autoComplete: 'current-password', required: true }}
            />
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField
                label="Nouveau mot de passe"
                description="8 caractères au moins."
                errors={password?.errors.password}
                inputProps={{ name: 'password', type: 'password', autoComplete: 'new-password', required: true, minLength: 8, maxLength: 72 }}
              />
              <TextField
                label="Confirmation"
                errors={password?.errors.confirmation}
                inputProps={{ name: 'confirmation', type: 'password', autoComplete: 'new-password', required: true }}
              />
            </div>
            <Button type="submit" className="w-full sm:w-fit" disabled={busy('mot-de-passe')}>
              {busy('mot-de-passe') ? 'Modification…' : 'Changer le mot de passe'}
            </Button>
          </Form>
        </SettingsSection>

        <SettingsSection id="notifications" title="Notifications" description="Choisissez, pour chaque événement, comment NOURX vous prévient.">
          <Form method="post" className="flex flex-col gap-4" aria-label="Notifications">
            <input type="hidden" name="intent" value="notifications" />
            <FormError message={notifications?.formError} />
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-muted-foreground">
                  <th scope="col" className="py-2 pr-3 font-medium">Événement</th>
                  <th scope="col" className="w-20 py-2 text-center font-medium">E-mail</th>
                  <th scope="col" className="w-20 py-2 text-center font-medium">WhatsApp</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {account.preferences.map((p) => (
                  <tr key={p.event}>
                    <th scope="row" className="py-2.5 pr-3 text-left font-normal">
                      {EVENT_LABEL[p.event]}
                    </th>
                    <td className="text-center">
                      <input
                        type="checkbox"
                        name={`${p.event}:email`}
                        defaultChecked={p.email}
                        aria-label={`${EVENT_LABEL[p.event]} par e-mail`}
                        className="size-4 accent-foreground"
                      />
                    </td>
                    <td className="text-center">
                      <input
                        type="checkbox"
                        name={`${p.event}:whatsapp`}
                        defaultChecked={p.whatsapp}
                        aria-label={`${EVENT_LABEL[p.event]} par WhatsApp`}
                        className="size-4 accent-foreground"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {/* No WhatsApp provider yet: the choice is kept for when one is connected, and said plainly. */}
            <p className="text-sm text-muted-foreground">
              Les messages WhatsApp ne sont pas encore envoyés automatiquement : votre choix est enregistré, et NOURX vous
              écrit par e-mail en attendant.
              {!account.whatsapp && ' Indiquez aussi votre numéro WhatsApp dans votre profil.'}
            </p>
            <Button type="submit" className="w-full sm:w-fit" disabled={busy('notifications')}>
              {busy('notifications') ? 'Enregistrement…' : 'Enregistrer les préférences'}
            </Button>
          </Form>
        </SettingsSection>

        <SettingsSection id="donnees" title="Vos données (RGPD)" description="Consultez, téléchargez ou faites supprimer les données que NOURX conserve sur vous.">
          <div className="flex flex-col gap-6">
            <Form method="post" className="flex flex-col gap-3" aria-label="Mesure d’audience">
              <input type="hidden" name="intent" value="consentement" />
              <FormError message={consent?.formError} />
              <fieldset>
                <legend className="text-sm font-medium">Mesure d’audience anonyme</legend>
                <p className="mt-1 text-sm text-muted-foreground">
                  Nous aide à améliorer l’Espace Client. Aucune donnée n’est revendue.
                  {account.analytics_consent_at && ` Dernier choix le ${formatDateTime(account.analytics_consent_at)}.`}
                </p>
                <div className="mt-2 flex gap-6">
                  {(['oui', 'non'] as const).map((v) => (
                    <label key={v} className="flex items-center gap-2 text-sm">
                      <input
                        type="radio"
                        name="analytics"
                        value={v}
                        required
                        defaultChecked={account.analytics_consent === null ? false : account.analytics_consent === (v === 'oui')}
                        className="size-4 accent-foreground"
                      />
                      {v === 'oui' ? 'J’accepte' : 'Je refuse'}
                    </label>
                  ))}
                </div>
                {consent?.errors.analytics && <p className="mt-1 text-sm text-destructive">{consent.errors.analytics[0]}</p>}
              </fieldset>
              <Button type="submit" variant="outline" size="sm" className="w-fit" disabled={busy('consentement')}>
                Enregistrer mon choix
              </Button>
            </Form>

            <div className="flex flex-col gap-2 border-t pt-6">
              <h3 className="text-sm font-medium">Télécharger mes données</h3>
              <p className="text-sm text-muted-foreground">Profil, préférences, messages, commentaires, validations et documents envoyés, au format JSON.</p>
              <Button asChild variant="outline" size="sm" className="w-fit">
                <a href="/api/compte/export" download>
                  <DownloadIcon aria-hidden="true" />
                  Télécharger (JSON)
                </a>
              </Button>
            </div>

            <div className="flex flex-col gap-3 border-t pt-6">
              <h3 className="text-sm font-medium">Supprimer mon compte</h3>
              {deletionPending ? (
                <p className="rounded-md bg-warning-soft px-3 py-2 text-sm text-warning" role="status">
                  Demande envoyée le {formatDateTime(account.deletion!.requested_at)} : NOURX la traite et vous contactera pour la confirmer.
                </p>
              ) : (
                <>
                  {account.deletion?.status === 'rejected' && (
                    <p className="rounded-md border px-3 py-2 text-sm" role="status">
                      Votre demande du {formatDateTime(account.deletion.requested_at)} a été refusée
                      {account.deletion.processed_at ? ` le ${formatDateTime(account.deletion.processed_at)}` : ''}
                      {account.deletion.admin_note ? ` : « ${account.deletion.admin_note} »` : '.'} Vous pouvez en déposer une
                      nouvelle.
                    </p>
                  )}
                  <Form method="post" className="flex flex-col gap-4" aria-label="Supprimer mon compte">
                    <input type="hidden" name="intent" value="suppression" />
                    <p className="text-sm text-muted-foreground">
                      La demande est transmise à NOURX, qui supprime votre accès et vos données personnelles. Les factures restent
                      conservées, comme la loi l’exige.
                    </p>
                    <FormError message={deletion?.formError} />
                    <TextareaField
                      label="Motif (facultatif)"
                      errors={deletion?.errors.reason}
                      textareaProps={{ name: 'reason', rows: 2, maxLength: 2000, defaultValue: deletion?.values.reason ?? '' }}
                    />
                    <label className="flex items-start gap-3 text-sm">
                      <input type="checkbox" name="confirm" required className="mt-0.5 size-4 shrink-0 accent-foreground" />
                      Je demande la suppression de mon compte.
                    </label>
                    {deletion?.errors.confirm && <p className="text-sm text-destructive">{deletion.errors.confirm[0]}</p>}
                    <Button type="submit" variant="destructive" className="w-full sm:w-fit" disabled={busy('suppression')}>
                      Demander la suppression
                    </Button>
                  </Form>
                </>
              )}
            </div>
          </div>
        </SettingsSection>
      </div>
    </>
  )
}
