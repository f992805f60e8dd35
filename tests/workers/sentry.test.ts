import { describe, expect, it } from 'vitest'
import { scrubEvent, sentryOptions } from '../../workers/sentry.ts'

describe('Sentry options', () => {
  it('is off when SENTRY_DSN is empty or absent', () => {
    expect(sentryOptions({ SENTRY_DSN: '' })).toBeUndefined()
    expect(sentryOptions({ SENTRY_DSN: '   ' })).toBeUndefined()
    expect(sentryOptions({})).toBeUndefined()
  })

  it('collects no cookies, bodies, query strings nor user info when on', () => {
    const options = sentryOptions({ SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/1' })
    expect(options?.dsn).toBe('https://abc@o1.ingest.sentry.io/1')
    expect(options?.dataCollection).toMatchObject({ cookies: false, httpBodies: [], urlQueryParams: false, userInfo: false })
  })
})

describe('scrubEvent', () => {
  it('removes cookies, credentials, query strings and password-like form fields', () => {
    const event = scrubEvent({
      request: {
        url: 'https://espace.nourx.ci/auth/confirm?token_hash=secret&type=email',
        query_string: 'token_hash=secret&type=email',
        cookies: { 'sb-abc-auth-token': 'base64-…' },
        headers: { Cookie: 'sb=1', Authorization: 'Bearer x', 'x-token': 'hmac', 'User-Agent': 'Mozilla' },
        data: 'email=a%40b.c&password=hunter2&confirmation=hunter2&mot_de_passe=x&intent=password',
      },
      breadcrumbs: [{ data: { url: 'https://api.example/verify?token=abc' } }],
    } as never) as {
      request: { url: string; query_string: string; cookies?: unknown; headers: Record<string, string>; data: string }
      breadcrumbs: { data: { url: string } }[]
    }
    expect(event.request.cookies).toBeUndefined()
    expect(event.request.url).toBe('https://espace.nourx.ci/auth/confirm')
    expect(event.request.query_string).toBe('[Filtered]')
    expect(event.request.headers).toEqual({
      Cookie: '[Filtered]',
      Authorization: '[Filtered]',
      'x-token': '[Filtered]',
      'User-Agent': 'Mozilla',
    })
    expect(event.request.data).toBe('email=a%40b.c&password=[Filtered]&confirmation=[Filtered]&mot_de_passe=[Filtered]&intent=password')
    expect(event.breadcrumbs[0].data.url).toBe('https://api.example/verify')
  })

  it('scrubs JSON bodies recursively', () => {
    const event = scrubEvent({
      request: { data: { user: { email: 'a@b.c', password: 'x', refresh_token: 'r' }, items: [{ api_key: 'k' }] } },
    } as never) as { request: { data: unknown } }
    expect(event.request.data).toEqual({
      user: { email: 'a@b.c', password: '[Filtered]', refresh_token: '[Filtered]' },
      items: [{ api_key: '[Filtered]' }],
    })
  })
})
