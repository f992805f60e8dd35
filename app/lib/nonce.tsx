// The CSP nonce travels from the Worker (requestContext) to <Links>,
// <Scripts> and <ScrollRestoration>: on the server through the provider in
// entry.server.tsx; in the browser the default value reads it back from a
// server-rendered script (the `nonce` property keeps the value even though
// browsers blank the attribute), so hydration sees the same props as SSR.
import { createContext, useContext } from 'react'

const browserNonce =
  typeof document !== 'undefined' ? (document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '') : ''

export const NonceContext = createContext(browserNonce)
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
