// The CSP nonce travels from the Worker (requestContext) to <Scripts> and
// <ScrollRestoration> through this React context, provided by
// entry.server.tsx. In the browser it is empty: browsers hide nonce values
// from the DOM anyway, and hydrated scripts are already running.
import { createContext, useContext } from 'react'

export const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
