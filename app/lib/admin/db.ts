// Shared by the admin server modules: the Supabase client type they take
// explicitly, and database errors turned into French sentences for the form.
// Relative imports only: these modules also run under plain Node in tests.
import type { SupabaseClient } from '@supabase/supabase-js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = SupabaseClient<any, 'public', any>

export interface DbError {
  code?: string
  message: string
  details?: string | null
  hint?: string | null
}

/** A write the database refused, with a message the admin can act on. */
export class AdminWriteError extends Error {
  readonly code: string | undefined
  readonly status: number
  constructor(message: string, code?: string, status = 400) {
    super(message)
    this.name = 'AdminWriteError'
    this.code = code
    this.status = status
  }
}

/**
 * PostgREST / Postgres error → French. RLS refusals (42501, or a write that
 * matched no row) read as "not allowed"; our own RPCs already raise French
 * messages (P0001 and friends), which are passed through.
 */
export function frenchDbMessage(error: DbError, fallback = 'L’enregistrement a échoué. Réessayez.'): string {
  switch (error.code) {
    case '42501':
      return 'Action non autorisée.'
    case '23505':
      return 'Cet élément existe déjà.'
    case '23503':
    case '23001':
      return 'Cet élément est lié à d’autres données (factures, projets…) et ne peut pas être supprimé ou modifié ainsi.'
    case '23514':
      return 'Une valeur ne respecte pas les règles (format, bornes ou dates).'
    case '22P02':
    case '22007':
    case '22008':
      return 'Une valeur est mal formée.'
    case 'PGRST116':
      return 'Élément introuvable.'
    case 'P0001':
    case 'P0002':
    case '22023':
      return error.message
    default:
      return fallback
  }
}

/** Throws AdminWriteError for a failed write; logs the raw error for the operator. */
export function check<T>(result: { data: T; error: DbError | null }, what: string): T {
  if (result.error) {
    console.error(`[admin] ${what} : ${result.error.code ?? ''} ${result.error.message}`)
    throw new AdminWriteError(frenchDbMessage(result.error), result.error.code, result.error.code === '42501' ? 403 : 400)
  }
  return result.data
}

/** A write through RLS that touched no row means the caller may not touch it (or it is gone). */
export function requireRow<T>(rows: T[] | null, what: string): T {
  const row = rows?.[0]
  if (!row) throw new AdminWriteError(`${what} introuvable ou non modifiable.`, 'not_found', 404)
  return row
}

/** undefined → null for optional columns (conform sends nothing for empty inputs). */
export function nullable<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], undefined> | null } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(input)) out[k] = v === undefined ? null : v
  return out as { [K in keyof T]: Exclude<T[K], undefined> | null }
}
