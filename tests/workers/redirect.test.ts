import { describe, expect, it } from 'vitest'
import { homeFor, landingFor, loginUrlFor, sanitizeRedirect } from '../../app/lib/redirect.ts'

describe('sanitizeRedirect', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/factures-devis?statut=due#f12', '/factures-devis?statut=due#f12'],
    ['/admin/clients/42', '/admin/clients/42'],
    ['/%09/evil.example', '/%09/evil.example'], // an encoded tab stays a path on this site
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(sanitizeRedirect(input)).toBe(expected)
  })

  it.each([
    'https://evil.example/',
    'http://localhost:5173/dashboard',
    '//evil.example/x',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /dashboard',
    'javascript:alert(1)',
    'dashboard',
    '',
    '/connexion',
    '/connexion?redirectTo=/admin',
    '/auth/confirm?code=x',
    '/deconnexion',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (input) => {
    expect(sanitizeRedirect(input)).toBeNull()
  })

  it('refuses non-strings', () => {
    expect(sanitizeRedirect(null)).toBeNull()
    expect(sanitizeRedirect(undefined)).toBeNull()
    expect(sanitizeRedirect(['/dashboard'])).toBeNull()
  })
})

describe('landingFor', () => {
  it('sends each role home by default', () => {
    expect(homeFor('admin')).toBe('/admin')
    expect(homeFor('client')).toBe('/dashboard')
    expect(landingFor('admin', null)).toBe('/admin')
    expect(landingFor('client', 'https://evil.example')).toBe('/dashboard')
  })

  it('honours a safe page meant for the role', () => {
    expect(landingFor('client', '/taches?vue=kanban')).toBe('/taches?vue=kanban')
    expect(landingFor('admin', '/admin/paiements')).toBe('/admin/paiements')
  })

  it('never sends a client to the back office, nor an admin to the portal', () => {
    expect(landingFor('client', '/admin')).toBe('/dashboard')
    expect(landingFor('client', '/admin/journal')).toBe('/dashboard')
    expect(landingFor('admin', '/documents')).toBe('/admin')
    expect(landingFor('client', '/')).toBe('/dashboard')
  })

  it('does not mistake /administration-like paths for the back office', () => {
    expect(landingFor('client', '/adminx')).toBe('/adminx')
  })
})

describe('loginUrlFor', () => {
  it('remembers the requested page, query included', () => {
    expect(loginUrlFor(new Request('http://localhost/factures-devis?statut=due'))).toBe(
      '/connexion?redirectTo=%2Ffactures-devis%3Fstatut%3Ddue',
    )
  })
  it('adds nothing for the root', () => {
    expect(loginUrlFor(new Request('http://localhost/'))).toBe('/connexion')
  })
})
