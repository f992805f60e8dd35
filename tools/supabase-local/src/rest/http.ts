// HTTP-level rules of PostgREST: the Prefer header (Preferences.hs), Accept
// negotiation (MediaType.hs / Plan.hs), the Range header and Content-Range
// (RangeQuery.hs).
import { invalidRange, mediaTypeError } from './errors.ts'
import type { Range } from './types.ts'

// ---------------------------------------------------------------------------
// Prefer
// ---------------------------------------------------------------------------

export interface Preferences {
  resolution: 'merge-duplicates' | 'ignore-duplicates' | null
  representation: 'full' | 'minimal' | 'headers-only' | null
  singleObject: boolean
  count: 'exact' | 'planned' | 'estimated' | null
  missing: 'default' | 'null' | null
  handling: 'strict' | 'lenient' | null
  timezone: string | null
  maxAffected: number | null
  invalid: string[]
}

const ACCEPTED = new Map<string, [keyof Preferences, unknown]>([
  ['resolution=merge-duplicates', ['resolution', 'merge-duplicates']],
  ['resolution=ignore-duplicates', ['resolution', 'ignore-duplicates']],
  ['return=representation', ['representation', 'full']],
  ['return=minimal', ['representation', 'minimal']],
  ['return=headers-only', ['representation', 'headers-only']],
  ['params=single-object', ['singleObject', true]],
  ['count=exact', ['count', 'exact']],
  ['count=planned', ['count', 'planned']],
  ['count=estimated', ['count', 'estimated']],
  ['missing=default', ['missing', 'default']],
  ['missing=null', ['missing', 'null']],
  ['handling=strict', ['handling', 'strict']],
  ['handling=lenient', ['handling', 'lenient']],
  // tx=commit|rollback are recognised but not honoured: hosted Supabase does not allow the override.
  ['tx=commit', ['invalid', null]],
  ['tx=rollback', ['invalid', null]],
])

/**
 * All Prefer headers, split on commas and trimmed (postgrest-js appends, so
 * one header arrives as "count=exact, return=representation"). The first
 * occurrence of each preference wins.
 */
export function parsePrefer(values: string[], timezones: Set<string>): Preferences {
  const prefs: Preferences = {
    resolution: null, representation: null, singleObject: false, count: null, missing: null, handling: null,
    timezone: null, maxAffected: null, invalid: [],
  }
  const seen = new Set<string>()
  for (const raw of values.flatMap((v) => v.split(','))) {
    const p = raw.trim()
    if (!p) continue
    const known = ACCEPTED.get(p)
    if (known) {
      const [k, v] = known
      if (k !== 'invalid' && !seen.has(k)) {
        seen.add(k)
        ;(prefs as any)[k] = v
      }
      continue
    }
    if (p.startsWith('timezone=')) {
      const tz = p.slice('timezone='.length)
      if (timezones.has(tz)) {
        prefs.timezone ??= tz
        continue
      }
    } else if (p.startsWith('max-affected=')) {
      const n = p.slice('max-affected='.length)
      if (/^-?\d+$/.test(n)) prefs.maxAffected ??= Number(n)
      continue
    }
    prefs.invalid.push(p)
  }
  return prefs
}

/** `Preference-Applied`, in PostgREST's order; only the preferences the action honours are passed in. */
export function preferenceApplied(p: Partial<Preferences>): string | null {
  const out: string[] = []
  if (p.resolution) out.push(`resolution=${p.resolution}`)
  if (p.missing) out.push(`missing=${p.missing}`)
  if (p.representation) out.push(`return=${p.representation === 'full' ? 'representation' : p.representation}`)
  if (p.singleObject) out.push('params=single-object')
  if (p.count) out.push(`count=${p.count}`)
  if (p.handling) out.push(`handling=${p.handling}`)
  if (p.timezone) out.push(`timezone=${p.timezone}`)
  if (p.handling === 'strict' && p.maxAffected !== null && p.maxAffected !== undefined) out.push(`max-affected=${p.maxAffected}`)
  return out.length ? out.join(', ') : null
}

// ---------------------------------------------------------------------------
// Accept
// ---------------------------------------------------------------------------

export type MediaType =
  | { kind: 'json' }
  | { kind: 'single'; strip: boolean }
  | { kind: 'array-strip' }
  | { kind: 'csv' }
  | { kind: 'any' }
  | { kind: 'other'; mime: string }

function decodeMediaType(raw: string): MediaType {
  const [type, ...paramParts] = raw.split(';').map((s) => s.trim())
  const t = type.toLowerCase()
  const params = paramParts.map((s) => s.replace(/\s+/g, '').toLowerCase())
  const strip = params.includes('nulls=stripped')
  switch (t) {
    case 'application/json':
      return { kind: 'json' }
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      return { kind: 'single', strip }
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      return strip ? { kind: 'array-strip' } : { kind: 'json' }
    case 'text/csv':
      return { kind: 'csv' }
    case '*/*':
      return { kind: 'any' }
    default:
      return { kind: 'other', mime: raw.trim() }
  }
}

export function toMime(m: MediaType): string {
  switch (m.kind) {
    case 'json':
      return 'application/json'
    case 'single':
      return m.strip ? 'application/vnd.pgrst.object+json;nulls=stripped' : 'application/vnd.pgrst.object+json'
    case 'array-strip':
      return 'application/vnd.pgrst.array+json;nulls=stripped'
    case 'csv':
      return 'text/csv'
    case 'any':
      return '*/*'
    case 'other':
      return m.mime
  }
}

export const contentType = (m: MediaType) => `${toMime(m.kind === 'any' ? { kind: 'json' } : m)}; charset=utf-8`

/** Accept entries by decreasing q (stable), decoded. A missing header means `*\/*`. */
function parseAccept(header: string | null): MediaType[] {
  if (!header || !header.trim()) return [{ kind: 'any' }]
  const entries = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => {
      const parts = s.split(';').map((x) => x.trim())
      const qPart = parts.find((x) => /^q=/i.test(x))
      const q = qPart ? Number(qPart.slice(2)) : 1
      const rest = parts.filter((x) => !/^q=/i.test(x)).join(';')
      return { q: Number.isFinite(q) ? q : 0, i, raw: rest }
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return entries.map((e) => decodeMediaType(e.raw))
}

const sameMedia = (a: MediaType, b: MediaType) => toMime(a) === toMime(b)

/** The first accepted media type this server produces; `*\/*` means JSON. 406 PGRST107 otherwise. */
export function negotiate(acceptHeader: string | null): MediaType {
  const accepts = parseAccept(acceptHeader)
  const produced: MediaType[] = [
    { kind: 'json' }, { kind: 'single', strip: false }, { kind: 'single', strip: true }, { kind: 'array-strip' },
    { kind: 'csv' }, { kind: 'any' },
  ]
  const pick = accepts.find((a) => produced.some((p) => sameMedia(a, p)))
  if (!pick) throw mediaTypeError(accepts.map(toMime))
  return pick.kind === 'any' ? { kind: 'json' } : pick
}

// ---------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------

/** `Range: 0-9` (GET/HEAD only). Malformed headers are ignored; lower > upper is 416. */
export function parseRangeHeader(value: string | null): Range | null {
  if (!value) return null
  const m = /^([0-9]+)-([0-9]*)$/.exec(value.trim())
  if (!m) return null
  const lower = Number(m[1])
  if (m[2] === '') return { offset: lower, limit: null }
  const upper = Number(m[2])
  if (lower > upper) throw invalidRange('The lower boundary must be lower than or equal to the upper boundary in the Range header.')
  return { offset: lower, limit: upper - lower + 1 }
}

/** Intersection of two ranges. */
export function intersect(a: Range, b: Range): Range {
  const offset = Math.max(a.offset, b.offset)
  const endA = a.limit === null ? Infinity : a.offset + a.limit - 1
  const endB = b.limit === null ? Infinity : b.offset + b.limit - 1
  const end = Math.min(endA, endB)
  return { offset, limit: end === Infinity ? null : Math.max(0, end - offset + 1) }
}

/** `Content-Range: lower-upper/total`, `*` where PostgREST writes it. */
export function contentRange(lower: number, upper: number, total: number | null): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*'
  return `${range}/${total === null ? '*' : total}`
}

/** Status and Content-Range of a read (PostgREST's rangeStatusHeader). */
export function rangeStatus(topRange: Range, pageTotal: number, total: number | null): { status: number; contentRange: string } {
  const lower = topRange.offset
  const upper = lower + pageTotal - 1
  let status = 200
  if (total !== null) {
    if (lower > total) status = 416
    else if (1 + upper - lower < total) status = 206
  }
  return { status, contentRange: contentRange(lower, upper, total) }
}
