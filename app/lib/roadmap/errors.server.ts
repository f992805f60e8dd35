// PostgREST errors → HTTP answers for the client portal. A write refused by
// RLS on a row the caller cannot see is a 404 (never reveal that it exists).
import { data } from 'react-router'

export interface PgError {
  code?: string
  message: string
}

export function notFound(message = 'Cet élément est introuvable.'): never {
  throw data({ message }, { status: 404 })
}

export function unavailable(where: string, error: PgError): never {
  console.error(`[${where}] ${error.code ?? ''} ${error.message}`)
  throw data({ message: 'Le service est momentanément indisponible. Réessayez dans un instant.' }, { status: 503 })
}

/** 42501 (RLS, privilege), 23503 (foreign key to an invisible row), P0002 (not found raised by an RPC). */
export const isNotVisible = (error: PgError) => ['42501', '23503', 'P0002', 'PGRST116'].includes(error.code ?? '')
