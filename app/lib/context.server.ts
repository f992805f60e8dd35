// Per-request values the Worker hands to React Router (v8 middleware
// context). workers/app.ts fills `requestContext`; the root middleware fills
// `supabaseContext`. Loaders read them through the getters below.
import { createContext, type RouterContextProvider } from 'react-router'
import type { AppEnv } from './env.server.ts'
import type { AppSupabaseClient } from './supabase.server.ts'

export interface RequestContextValue {
  /** Validated configuration (app/lib/env.server.ts). */
  env: AppEnv
  /** Raw bindings, for the queue producer and other non-string bindings. */
  bindings: Env
  executionContext: ExecutionContext
  /** CSP nonce of this response. */
  nonce: string
}

export const requestContext = createContext<RequestContextValue>()

export interface SupabaseContextValue {
  supabase: AppSupabaseClient
  /** Set-Cookie and cache headers produced by @supabase/ssr for this request. */
  headers: Headers
}

export const supabaseContext = createContext<SupabaseContextValue>()

type ReadableContext = Pick<RouterContextProvider, 'get'>

export const getRequestContext = (context: ReadableContext) => context.get(requestContext)
export const getEnv = (context: ReadableContext) => context.get(requestContext).env
export const getSupabase = (context: ReadableContext) => context.get(supabaseContext).supabase
