// PostgREST errors → what a page does with them. The data model raises
// French messages with meaningful SQLSTATEs (see the migrations' headers):
//   P0002 not found (also "not yours": the RPCs never say which)
//   P0001 business rule, 22023 invalid argument → the message is for the user
//   42501 forbidden
// Anything else is a bug or an outage: logged, and the user gets a generic
// French sentence rather than a Postgres message.
import { data } from 'react-router'

export interface DbError {
  code?: string
  message: string
  details?: string | null
  hint?: string | null
}

export type ClassifiedError =
  | { kind: 'not_found' }
  | { kind: 'forbidden' }
  | { kind: 'rule'; message: string }
  | { kind: 'unexpected'; message: string }

export const GENERIC_ERROR = 'Une erreur inattendue est survenue. Réessayez ; si le problème persiste, contactez NOURX.'

export function classifyDbError(error: DbError, where: string): ClassifiedError {
  if (error.code === 'P0002' || error.code === 'PGRST116') return { kind: 'not_found' }
  if (error.code === '42501') return { kind: 'forbidden' }
  if (error.code === 'P0001' || error.code === '22023' || error.code === '23514') {
    return { kind: 'rule', message: error.message }
  }
  console.error(`[${where}] ${error.code ?? ''} ${error.message}`)
  return { kind: 'unexpected', message: GENERIC_ERROR }
}

/** The 404 every "not yours / does not exist" answers with (no leak). */
export function notFound(message: string): never {
  throw data({ message }, { status: 404 })
}

/** A read that failed for a reason other than "not found": 503 with a French message. */
export function unavailable(where: string, error: DbError): never {
  console.error(`[${where}] ${error.code ?? ''} ${error.message}`)
  throw data({ message: 'Ces informations n’ont pas pu être chargées. Réessayez dans un instant.' }, { status: 503 })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Route params are untrusted: a malformed id is simply "not found". */
export function isUuid(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value)
}
