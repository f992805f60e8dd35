// Agency settings (singleton row), the logo in the branding bucket and the
// e-mail templates. Written with the admin's own client: RLS allows it and
// the audit trigger records each change with its diff.
import { AdminWriteError, check, nullable, requireRow, type Db } from './db.ts'

export const LOGO_TYPES: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' }
export const LOGO_MAX_BYTES = 2 * 1024 * 1024

export async function getSettingsPage(db: Db) {
  const [settings, templates] = await Promise.all([
    db.from('settings').select('*').eq('id', true).single(),
    db.from('email_templates').select('key, name, description, subject, body, variables, updated_at').order('name'),
  ])
  if (settings.error || templates.error) {
    console.error(`[admin] paramètres : ${settings.error?.message ?? templates.error?.message}`)
    throw new Response('Les paramètres n’ont pas pu être chargés.', { status: 500 })
  }
  let logoUrl: string | null = null
  if (settings.data.logo_path) {
    const { data } = await db.storage.from('branding').createSignedUrl(settings.data.logo_path as string, 600)
    logoUrl = data?.signedUrl ?? null
  }
  return { settings: settings.data, templates: templates.data ?? [], logoUrl }
}

/** One section of the settings form (branding, legal, documents, payments, SLA). */
export async function updateSettings(db: Db, patch: Record<string, unknown>) {
  const rows = check(await db.from('settings').update(nullable(patch)).eq('id', true).select('id'), 'paramètres')
  return requireRow(rows, 'Paramètres')
}

/**
 * New logo: uploaded under a fresh name (no cache can serve the old image),
 * then the settings point at it, then the previous file is removed.
 */
export async function replaceLogo(db: Db, file: File) {
  const ext = LOGO_TYPES[file.type]
  if (!ext) throw new AdminWriteError('Logo au format PNG ou JPEG uniquement (les PDF ne savent pas intégrer les autres formats).', 'logo_type')
  if (file.size === 0) throw new AdminWriteError('Choisissez un fichier.', 'logo_empty')
  if (file.size > LOGO_MAX_BYTES) throw new AdminWriteError('Logo trop lourd : 2 Mo au plus.', 'logo_size')
  const { data: current } = await db.from('settings').select('logo_path').eq('id', true).single()
  const path = `logo-${Date.now()}.${ext}`
  const { error } = await db.storage.from('branding').upload(path, file, { contentType: file.type, upsert: false })
  if (error) {
    console.error(`[admin] logo : ${error.message}`)
    throw new AdminWriteError('Le logo n’a pas pu être enregistré. Réessayez.', 'logo_upload')
  }
  try {
    await updateSettings(db, { logo_path: path })
  } catch (e) {
    await db.storage.from('branding').remove([path])
    throw e
  }
  const previous = current?.logo_path as string | null | undefined
  if (previous && previous !== path) {
    const { error: removeError } = await db.storage.from('branding').remove([previous])
    if (removeError) console.error(`[admin] ancien logo non supprimé (${previous}) : ${removeError.message}`)
  }
  return { path }
}

export async function removeLogo(db: Db) {
  const { data: current } = await db.from('settings').select('logo_path').eq('id', true).single()
  await updateSettings(db, { logo_path: null })
  if (current?.logo_path) await db.storage.from('branding').remove([current.logo_path as string])
}

export async function getTemplateVariables(db: Db, key: string): Promise<string[] | null> {
  const { data } = await db.from('email_templates').select('variables').eq('key', key).maybeSingle()
  return (data?.variables as string[] | undefined) ?? null
}

export async function updateTemplate(db: Db, key: string, subject: string, body: string) {
  const rows = check(
    await db.from('email_templates').update({ subject, body }).eq('key', key).select('key'),
    'modèle d’e-mail',
  )
  return requireRow(rows, 'Modèle')
}
