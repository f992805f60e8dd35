// The PostgREST query-string grammar, parsed into the typed tree of types.ts.
//
// It follows PostgREST's parsec grammar (ApiRequest/QueryParams.hs) rule by
// rule, including its leniencies (trailing input after a complete term is
// ignored, `+` decodes to a space, `;` separates parameters like `&`) so that
// a query accepted by hosted PostgREST is accepted here and vice versa.
// Errors are PGRST100 with PostgREST's message shape:
//   message `"failed to parse filter (val)" (line 1, column 1)`
//   details `unexpected "v" expecting "not" or operator (eq, gt, ...)`
import { queryParamError } from './errors.ts'
import type {
  AggregateFn, Field, FtsOperator, IsValue, JsonStep, LogicTree, OpExpr, Operation, OrderTerm,
  QuantOperator, QueryParams, Range, SelectItem, SimpleOperator,
} from './types.ts'

// ---------------------------------------------------------------------------
// Cursor with parsec-like error reporting (furthest failure wins, expectations merge)
// ---------------------------------------------------------------------------

/** Thrown (and caught) inside the parser only; never escapes it. */
const FAIL = { parseFailure: true }

class Cursor {
  input: string
  pos = 0
  errPos = -1
  expected = new Set<string>()
  messages: string[] = []
  unexpectedQuote: '"' | "'" = '"'

  constructor(input: string) {
    this.input = input
  }

  peek(n = 0): string {
    return this.input[this.pos + n] ?? ''
  }
  eof(): boolean {
    return this.pos >= this.input.length
  }
  startsWith(s: string): boolean {
    return this.input.startsWith(s, this.pos)
  }

  /** Records what was expected at the current position, then fails. */
  fail(expected?: string, message?: string): never {
    this.note(expected, message)
    throw FAIL
  }
  note(expected?: string, message?: string, quote: '"' | "'" = '"') {
    if (this.pos > this.errPos) {
      this.errPos = this.pos
      this.expected = new Set()
      this.messages = []
      this.unexpectedQuote = quote
    }
    if (this.pos === this.errPos) {
      if (expected) this.expected.add(expected)
      if (message) this.messages.push(message)
    }
  }

  /** parsec `try`: on failure, rewind. Returns undefined when p failed. */
  attempt<T>(p: () => T): T | undefined {
    const start = this.pos
    try {
      return p()
    } catch (e) {
      if (e !== FAIL) throw e
      this.pos = start
      return undefined
    }
  }

  char(c: string, label = JSON.stringify(c)) {
    if (this.input[this.pos] === c) {
      this.pos++
      return c
    }
    return this.fail(label)
  }
  string(s: string) {
    if (this.startsWith(s)) {
      this.pos += s.length
      return s
    }
    return this.fail(JSON.stringify(s))
  }
  /** Case-insensitive string (`is.NULL`). */
  ciString(s: string) {
    const got = this.input.slice(this.pos, this.pos + s.length)
    if (got.toLowerCase() === s) {
      this.pos += s.length
      return s
    }
    return this.fail()
  }
  spaces() {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++
  }
}

function describeError(cur: Cursor): string {
  const parts: string[] = []
  const at = cur.errPos < 0 ? cur.pos : cur.errPos
  const ch = cur.input[at]
  parts.push(ch === undefined ? 'unexpected end of input' : `unexpected ${cur.unexpectedQuote === "'" ? `'${ch}'` : JSON.stringify(ch)}`)
  const exp = [...cur.expected]
  if (exp.length) {
    parts.push('expecting ' + (exp.length === 1 ? exp[0] : `${exp.slice(0, -1).join(', ')} or ${exp[exp.length - 1]}`))
  }
  parts.push(...cur.messages)
  return parts.join(' ').trim()
}

/**
 * Runs a parser on a parameter value; failures become PGRST100.
 * `parsed` is what the grammar actually reads when it differs from what the
 * message shows (logic trees are parsed as "or" + value, like PostgREST does).
 */
function run<T>(what: string, input: string, p: (cur: Cursor) => T, parsed = input): T {
  const cur = new Cursor(parsed)
  try {
    return p(cur)
  } catch (e) {
    if (e !== FAIL) throw e
    const at = (cur.errPos < 0 ? cur.pos : cur.errPos) + 1
    throw queryParamError(`"failed to parse ${what} (${input})" (line 1, column ${at})`, describeError(cur))
  }
}

// ---------------------------------------------------------------------------
// Lexical pieces
// ---------------------------------------------------------------------------

const FIELD_NAME_LABEL = 'field name (* or [a..z0..9_$])'
const isLetter = (c: string) => /\p{L}/u.test(c)
const isDigit = (c: string) => c >= '0' && c <= '9'
const isIdentChar = (c: string) => c !== '' && (isLetter(c) || isDigit(c) || c === '_' || c === ' ' || c === '$')

/** `"..."` with backslash escapes. */
function quotedValue(cur: Cursor): string {
  cur.char('"')
  let out = ''
  for (;;) {
    const c = cur.peek()
    if (c === '') cur.fail('"\\""')
    if (c === '"') {
      cur.pos++
      return out
    }
    if (c === '\\') {
      cur.pos++
      if (cur.eof()) cur.fail()
      out += cur.peek()
      cur.pos++
      continue
    }
    out += c
    cur.pos++
  }
}

/** many1 of [letters digits _ space $], trimmed. */
function identifier(cur: Cursor): string {
  const start = cur.pos
  while (isIdentChar(cur.peek())) cur.pos++
  if (cur.pos === start) cur.fail('letter or digit')
  return cur.input.slice(start, cur.pos).trim()
}

/** Identifiers separated by dashes that do not start an arrow (`a-b` but not `a->b`). */
function sepByDash(cur: Cursor, ident: (c: Cursor) => string): string {
  const parts = [ident(cur)]
  while (cur.peek() === '-' && cur.peek(1) !== '>') {
    const save = cur.pos
    cur.pos++
    const next = cur.attempt(() => ident(cur))
    if (next === undefined) {
      cur.pos = save
      break
    }
    parts.push(next)
  }
  return parts.join('-')
}

function fieldName(cur: Cursor): string {
  if (cur.peek() === '"') return quotedValue(cur)
  const start = cur.pos
  if (!isIdentChar(cur.peek())) {
    cur.note(FIELD_NAME_LABEL)
    throw FAIL
  }
  cur.pos = start
  return sepByDash(cur, identifier)
}

function jsonKeyIdentifier(cur: Cursor): string {
  const start = cur.pos
  while (!cur.eof() && !'(-:.,>)'.includes(cur.peek())) cur.pos++
  if (cur.pos === start) cur.fail('any non reserved character different from: .,>()')
  return cur.input.slice(start, cur.pos).trim()
}

function jsonPath(cur: Cursor): JsonStep[] {
  const steps: JsonStep[] = []
  for (;;) {
    let arrow: '->' | '->>'
    if (cur.startsWith('->>')) arrow = '->>'
    else if (cur.startsWith('->')) arrow = '->'
    else {
      cur.note('"->>"')
      cur.note('"->"')
      return steps
    }
    cur.pos += arrow.length
    // An index is digits followed by an arrow, a cast, '.', ',' or the end.
    const idx = cur.attempt(() => {
      let v = '+'
      if (cur.peek() === '-') {
        v = '-'
        cur.pos++
      }
      const s = cur.pos
      while (isDigit(cur.peek())) cur.pos++
      if (cur.pos === s) cur.fail('digit')
      const digits = cur.input.slice(s, cur.pos)
      if (!(cur.startsWith('->') || cur.startsWith('::') || cur.startsWith('.') || cur.startsWith(',') || cur.eof())) {
        cur.note('digit')
        cur.fail('"->"')
      }
      return v + digits
    })
    if (idx !== undefined) {
      steps.push({ arrow, value: idx, isIndex: true })
      continue
    }
    const key = cur.peek() === '"' ? quotedValue(cur) : sepByDash(cur, jsonKeyIdentifier)
    steps.push({ arrow, value: key, isIndex: false })
  }
}

/** `name->path`, with surrounding spaces allowed. */
function field(cur: Cursor): Field {
  cur.spaces()
  const name = fieldName(cur)
  const path = jsonPath(cur)
  cur.spaces()
  return { name, path }
}

function delimiter(cur: Cursor) {
  cur.char('.', 'delimiter (.)')
}

// ---------------------------------------------------------------------------
// select=
// ---------------------------------------------------------------------------

function aliasPrefix(cur: Cursor): string | undefined {
  return cur.attempt(() => {
    const name = fieldName(cur)
    cur.char(':')
    if (cur.peek() === ':') cur.fail()
    return name
  })
}

function embedParams(cur: Cursor): { hint?: string; joinType?: 'inner' | 'left' } {
  const out: { hint?: string; joinType?: 'inner' | 'left' } = {}
  for (let i = 0; i < 2 && cur.peek() === '!'; i++) {
    cur.pos++
    if (cur.startsWith('left')) {
      cur.pos += 4
      out.joinType ??= 'left'
    } else if (cur.startsWith('inner')) {
      cur.pos += 5
      out.joinType ??= 'inner'
    } else {
      const h = fieldName(cur)
      out.hint ??= h
    }
  }
  return out
}

function selectEnd(cur: Cursor) {
  if (cur.peek() === ')' || cur.peek() === ',' || cur.eof()) return
  cur.note('")"')
  cur.note('","')
  cur.fail('end of input')
}

const AGGREGATES: AggregateFn[] = ['sum', 'avg', 'count', 'max', 'min']

function selectField(cur: Cursor): SelectItem {
  cur.spaces()
  const star = cur.attempt(() => {
    cur.char('*')
    selectEnd(cur)
    return true
  })
  if (star) {
    cur.spaces()
    return { kind: 'field', field: { name: '*', path: [] } }
  }
  const countAgg = cur.attempt(() => {
    const alias = aliasPrefix(cur)
    cur.string('count()')
    const aggregateCast = cur.startsWith('::') ? ((cur.pos += 2), identifier(cur)) : undefined
    selectEnd(cur)
    return { alias, aggregateCast }
  })
  if (countAgg) {
    cur.spaces()
    return { kind: 'field', field: { name: '*', path: [] }, aggregate: 'count', alias: countAgg.alias, aggregateCast: countAgg.aggregateCast }
  }
  const alias = aliasPrefix(cur)
  const f = field(cur)
  let cast: string | undefined
  if (cur.startsWith('::')) {
    cur.pos += 2
    cast = identifier(cur)
  } else cur.note('"::"')
  const aggregate = cur.attempt(() => {
    cur.char('.')
    const a = AGGREGATES.find((x) => cur.startsWith(x))
    if (!a) cur.fail()
    cur.pos += a.length
    cur.string('()')
    return a
  })
  if (aggregate === undefined) cur.note('"."')
  let aggregateCast: string | undefined
  if (aggregate && cur.startsWith('::')) {
    cur.pos += 2
    aggregateCast = identifier(cur)
  }
  selectEnd(cur)
  cur.spaces()
  return { kind: 'field', field: f, alias, cast, aggregate, aggregateCast }
}

function selectTree(cur: Cursor): SelectItem {
  // ...spread(...)
  const spread = cur.attempt(() => {
    cur.spaces()
    cur.string('...')
    const relation = fieldName(cur)
    const p = embedParams(cur)
    if (cur.peek() !== '(') cur.fail('"("')
    return { relation, ...p }
  })
  if (spread) return { kind: 'embed', spread: true, ...spread, children: embedChildren(cur) }
  // alias:relation!hint!inner(...)
  const rel = cur.attempt(() => {
    cur.spaces()
    const alias = aliasPrefix(cur)
    const relation = fieldName(cur)
    if (relation === 'count') cur.fail()
    const p = embedParams(cur)
    if (cur.peek() !== '(') cur.fail('"("')
    return { alias, relation, ...p }
  })
  if (rel) return { kind: 'embed', spread: false, ...rel, children: embedChildren(cur) }
  return selectField(cur)
}

function embedChildren(cur: Cursor): SelectItem[] {
  cur.char('(')
  const children = selectForest(cur)
  cur.char(')')
  cur.spaces()
  return children
}

function selectForest(cur: Cursor): SelectItem[] {
  const items: SelectItem[] = []
  // sepBy: an empty list is allowed (`select=` and `embed()`).
  const first = cur.attempt(() => selectTree(cur))
  if (first === undefined) {
    if (cur.eof() || cur.peek() === ')') return items
    selectTree(cur) // re-run to surface the error at the right place
  }
  items.push(first!)
  for (;;) {
    const save = cur.pos
    cur.spaces()
    if (cur.peek() !== ',') {
      cur.pos = save
      return items
    }
    cur.pos++
    cur.spaces()
    items.push(selectTree(cur))
  }
}

export function parseSelect(value: string): SelectItem[] {
  // Fast path for the most common select (and postgrest-js' default): same result, no backtracking.
  if (value === '*') return [{ kind: 'field', field: { name: '*', path: [] } }]
  return run('select parameter', value, selectForest)
}

// ---------------------------------------------------------------------------
// Filters: [not.]op[(any|all)][(config)].value
// ---------------------------------------------------------------------------

const SIMPLE_OPS: SimpleOperator[] = ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj']
// Longest first where prefixes overlap (gte before gt), as the grammar tries them.
const QUANT_OPS: QuantOperator[] = ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch']
const FTS_OPS: FtsOperator[] = ['fts', 'plfts', 'phfts', 'wfts']
const IS_VALUES: IsValue[] = ['null', 'not_null', 'true', 'false', 'unknown']

function listValue(cur: Cursor): string[] {
  cur.spaces()
  cur.char('(')
  cur.spaces()
  const values: string[] = []
  for (;;) {
    const quoted = cur.attempt(() => {
      const v = quotedValue(cur)
      if (!cur.eof() && !',)'.includes(cur.peek())) cur.fail()
      return v
    })
    if (quoted !== undefined) values.push(quoted)
    else {
      const s = cur.pos
      while (!cur.eof() && !',)'.includes(cur.peek())) cur.pos++
      values.push(cur.input.slice(s, cur.pos))
    }
    if (cur.peek() === ',') {
      cur.pos++
      continue
    }
    break
  }
  cur.spaces()
  cur.char(')')
  cur.spaces()
  return values
}

function opExpr(cur: Cursor, singleValue: (cur: Cursor) => string): OpExpr {
  const negated = cur.attempt(() => {
    cur.string('not')
    delimiter(cur)
    return true
  }) ?? false
  if (!negated) cur.note('"not"')
  const operation = operationP(cur, singleValue)
  return { negated, operation }
}

function operationP(cur: Cursor, singleValue: (cur: Cursor) => string): Operation {
  const start = cur.pos
  if (cur.startsWith('in.')) {
    cur.pos += 3
    return { kind: 'in', values: listValue(cur) }
  }
  if (cur.startsWith('is.')) {
    cur.pos += 3
    const v = IS_VALUES.find((x) => cur.input.slice(cur.pos, cur.pos + x.length).toLowerCase() === x)
    // not_null before null: 'null' is a prefix of nothing else, 'not_null' is checked explicitly.
    const match = cur.input.slice(cur.pos, cur.pos + 8).toLowerCase() === 'not_null' ? 'not_null' : v
    if (!match) cur.fail('isVal: (null, not_null, true, false, unknown)')
    cur.pos += match.length
    return { kind: 'is', value: match }
  }
  if (cur.startsWith('isdistinct.')) {
    cur.pos += 'isdistinct.'.length
    return { kind: 'isdistinct', value: singleValue(cur) }
  }
  const fts = cur.attempt(() => {
    const op = FTS_OPS.find((o) => cur.startsWith(o))
    if (!op) cur.fail()
    cur.pos += op.length
    let config: string | undefined
    const cfg = cur.attempt(() => {
      cur.char('(')
      const c = identifier(cur)
      cur.char(')')
      return c
    })
    if (cfg !== undefined) config = cfg
    delimiter(cur)
    return { kind: 'fts' as const, op, config, value: singleValue(cur) }
  })
  if (fts) return fts
  const simple = cur.attempt(() => {
    const op = SIMPLE_OPS.find((o) => cur.startsWith(o))
    if (!op) cur.fail()
    cur.pos += op.length
    delimiter(cur)
    return { kind: 'simple' as const, op, value: singleValue(cur) }
  })
  if (simple) return simple
  const quant = cur.attempt(() => {
    const op = QUANT_OPS.find((o) => cur.startsWith(o) && (cur.input[cur.pos + o.length] === '.' || cur.input[cur.pos + o.length] === '('))
    if (!op) cur.fail()
    cur.pos += op.length
    let quantifier: 'any' | 'all' | undefined
    if (cur.startsWith('(any)')) {
      quantifier = 'any'
      cur.pos += 5
    } else if (cur.startsWith('(all)')) {
      quantifier = 'all'
      cur.pos += 5
    }
    delimiter(cur)
    return { kind: 'quant' as const, op, quantifier, value: singleValue(cur) }
  })
  if (quant) return quant
  cur.pos = start
  return cur.fail('operator (eq, gt, ...)')
}

const restOfInput = (cur: Cursor) => {
  const v = cur.input.slice(cur.pos)
  cur.pos = cur.input.length
  return v
}

/** Inside or=(...): a quoted value, a `{...}` array literal, or text up to `,` / `)`. */
function logicSingleValue(cur: Cursor): string {
  const quoted = cur.attempt(() => {
    const v = quotedValue(cur)
    if (!cur.eof() && !',)'.includes(cur.peek())) cur.fail()
    return v
  })
  if (quoted !== undefined) return quoted
  if (cur.peek() === '{') {
    const arr = cur.attempt(() => {
      const s = cur.pos
      cur.pos++
      while (!cur.eof() && cur.peek() !== '}' && cur.peek() !== '{') cur.pos++
      cur.char('}')
      return cur.input.slice(s, cur.pos)
    })
    if (arr !== undefined) return arr
  }
  const s = cur.pos
  while (!cur.eof() && !',)'.includes(cur.peek())) cur.pos++
  return cur.input.slice(s, cur.pos)
}

// `[not.]op.value` with a single-value operator: the shape of nearly every filter.
const SIMPLE_FILTER = /^(not\.)?(eq|neq|gte|gt|lte|lt|like|ilike|match|imatch|cs|cd|ov|sl|sr|nxr|nxl|adj|isdistinct)\./

function fastFilter(value: string): OpExpr | null {
  const m = SIMPLE_FILTER.exec(value)
  if (!m) return null
  const negated = m[1] !== undefined
  const op = m[2]
  const rest = value.slice(m[0].length)
  if (op === 'isdistinct') return { negated, operation: { kind: 'isdistinct', value: rest } }
  if ((SIMPLE_OPS as string[]).includes(op)) return { negated, operation: { kind: 'simple', op: op as SimpleOperator, value: rest } }
  return { negated, operation: { kind: 'quant', op: op as QuantOperator, value: rest } }
}

export function parseFilterValue(value: string): OpExpr {
  return fastFilter(value) ?? run('filter', value, (cur) => opExpr(cur, restOfInput))
}

/** Embed path and field of a filter key: `actors.roles.character->>name`. */
function treePath(cur: Cursor): { path: string[]; field: Field } {
  const names = [fieldName(cur)]
  while (cur.peek() === '.') {
    cur.pos++
    names.push(fieldName(cur))
  }
  const path = jsonPath(cur)
  return { path: names.slice(0, -1), field: { name: names[names.length - 1], path } }
}

const PLAIN_KEY = /^[\p{L}0-9_ $]+$/u

function parseTreePath(key: string): { path: string[]; field: Field } {
  // A bare column name (no embed path, JSON path, dash or quotes) needs no parser.
  if (PLAIN_KEY.test(key) && key.trim() !== '') return { path: [], field: { name: key.trim(), path: [] } }
  return run('tree path', key, treePath)
}

// ---------------------------------------------------------------------------
// or=/and= logic trees
// ---------------------------------------------------------------------------

function logicTree(cur: Cursor): LogicTree {
  const stmt = cur.attempt(() => {
    const f = field(cur)
    delimiter(cur)
    const expr = opExpr(cur, logicSingleValue)
    return { kind: 'stmt' as const, filter: { field: f, expr } }
  })
  if (stmt) return stmt
  const negated = cur.attempt(() => {
    cur.string('not')
    delimiter(cur)
    return true
  }) ?? false
  if (!negated) cur.note('negation operator (not)')
  let op: 'and' | 'or'
  if (cur.startsWith('and')) {
    op = 'and'
    cur.pos += 3
  } else if (cur.startsWith('or')) {
    op = 'or'
    cur.pos += 2
  } else return cur.fail('logic operator (and, or)')
  cur.spaces()
  cur.char('(')
  cur.spaces()
  const children = [logicTree(cur)]
  for (;;) {
    cur.spaces()
    if (cur.peek() !== ',') break
    cur.pos++
    cur.spaces()
    children.push(logicTree(cur))
  }
  cur.spaces()
  cur.char(')')
  cur.spaces()
  return { kind: 'expr', negated, op, children }
}

// ---------------------------------------------------------------------------
// order=
// ---------------------------------------------------------------------------

function orderSuffix(cur: Cursor): { direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' } {
  const out: { direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' } = {}
  if (cur.startsWith('.asc')) {
    out.direction = 'asc'
    cur.pos += 4
  } else if (cur.startsWith('.desc')) {
    out.direction = 'desc'
    cur.pos += 5
  }
  if (cur.startsWith('.nullsfirst')) {
    out.nulls = 'first'
    cur.pos += 11
  } else if (cur.startsWith('.nullslast')) {
    out.nulls = 'last'
    cur.pos += 10
  }
  if (!(cur.eof() || cur.peek() === ',')) {
    if (cur.peek() === '.') {
      cur.pos++
      cur.note(out.direction ? undefined : '"asc"')
      cur.note(out.direction ? undefined : '"desc"')
      cur.note('"nullsfirst"')
      cur.fail('"nullslast"')
    }
    cur.note('","')
    cur.fail('end of input')
  }
  return out
}

function orderTerms(cur: Cursor): OrderTerm[] {
  const terms: OrderTerm[] = []
  for (;;) {
    cur.spaces()
    const rel = cur.attempt(() => {
      const relation = fieldName(cur)
      cur.char('(')
      const f = field(cur)
      cur.char(')')
      return { relation, field: f, ...orderSuffix(cur) }
    })
    if (rel) terms.push(rel)
    else {
      const f = field(cur)
      terms.push({ field: f, ...orderSuffix(cur) })
    }
    cur.spaces()
    if (cur.peek() !== ',') return terms
    cur.pos++
  }
}

function columnList(cur: Cursor): string[] {
  const cols = [fieldName(cur)]
  for (;;) {
    cur.spaces()
    if (cur.peek() !== ',') return cols
    cur.pos++
    cur.spaces()
    cols.push(fieldName(cur))
  }
}

// ---------------------------------------------------------------------------
// Query string decoding
// ---------------------------------------------------------------------------

/** Percent-decoding with `+` as space; malformed escapes stay as they are. */
export function urlDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '+') bytes.push(32)
    else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else for (const b of Buffer.from(c, 'utf8')) bytes.push(b)
  }
  return Buffer.from(bytes).toString('utf8')
}

/** Splits on `&` and `;` (http-types `parseQuery`); a key without `=` has a null value. */
export function parseQueryString(raw: string): [string, string | null][] {
  const out: [string, string | null][] = []
  if (!raw) return out
  for (const part of raw.split(/[&;]/)) {
    if (!part) continue
    const eq = part.indexOf('=')
    if (eq === -1) out.push([urlDecode(part), null])
    else out.push([urlDecode(part.slice(0, eq)), urlDecode(part.slice(eq + 1))])
  }
  return out
}

/**
 * Canonical form for Content-Location, as PostgREST builds it with the HTTP
 * package's urlEncodeVars: sorted by key, repeated keys merged with commas,
 * unreserved ASCII kept, other bytes escaped (non-ASCII bytes get escaped a
 * second time, a quirk of the Haskell code we keep for byte-identity).
 */
export function canonicalQuery(params: [string, string | null][]): string {
  const enc = (s: string) => {
    if (/^[A-Za-z0-9\-_.~]*$/.test(s)) return s
    if (/^[\x00-\x7f]*$/.test(s)) {
      return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    }
    let out = ''
    for (const b of Buffer.from(s, 'utf8')) {
      const c = String.fromCharCode(b)
      if (/[A-Za-z0-9\-_.~]/.test(c)) out += c
      else if (b < 128) out += '%' + b.toString(16).toUpperCase().padStart(2, '0')
      else for (const bb of Buffer.from(c, 'utf8')) out += '%' + bb.toString(16).toUpperCase().padStart(2, '0')
    }
    return out
  }
  const sorted = params.map(([k, v]) => [k, v ?? ''] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const groups = new Map<string, string[]>()
  for (const [k, v] of sorted) {
    const g = groups.get(k)
    if (g) g.push(v)
    else groups.set(k, [v])
  }
  return [...groups].map(([k, vs]) => `${enc(k)}=${vs.map(enc).join(',')}`).join('&')
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

const RESERVED = new Set(['select', 'columns', 'on_conflict'])
const RESERVED_EMBEDDABLE = new Set(['order', 'limit', 'offset', 'and', 'or'])
const lastSegment = (k: string) => k.slice(k.lastIndexOf('.') + 1)

/** Haskell `readMaybe` on an Integer: an optional '-' and digits, nothing else. */
function readInteger(v: string): number | null {
  return /^\s*-?\d+\s*$/.test(v) ? Number(v) : null
}

/**
 * Parses a raw (still percent-encoded) query string.
 * `isRpcRead`: GET/HEAD on /rpc, where non-operator values are function arguments.
 */
export function parseQueryParams(raw: string, isRpcRead: boolean): QueryParams {
  const params = parseQueryString(raw)
  const nonEmpty = params.filter((p): p is [string, string] => p[1] !== null)
  const lookup = (name: string) => params.find(([k]) => k === name)?.[1] ?? null

  const order = nonEmpty
    .filter(([k]) => lastSegment(k) === 'order')
    .map(([k, v]) => ({ path: parseTreePath(k).path, terms: run('order', v, orderTerms) }))

  const logic = nonEmpty
    .filter(([k]) => ['and', 'or'].includes(lastSegment(k)))
    .map(([k, v]) => {
      const names = run('logic path', k, (cur) => {
        const ns = [fieldName(cur)]
        while (cur.peek() === '.') {
          cur.pos++
          ns.push(fieldName(cur))
        }
        return ns
      })
      const op = names[names.length - 1]
      const negated = names.includes('not')
      const path = names.slice(0, -1).filter((n) => n !== 'not')
      // PostgREST parses "or" + value, i.e. "or(a.eq.1,b.eq.2)" (positions count from there).
      const tree = run('logic tree', v, logicTree, (negated ? 'not.' : '') + op + v)
      return { path, tree }
    })

  const selectRaw = lookup('select')
  const select = parseSelect(selectRaw ?? '*')
  const columnsRaw = lookup('columns')
  const columns = columnsRaw === null ? null : run('columns parameter', columnsRaw, columnList)
  const onConflictRaw = lookup('on_conflict')
  const onConflict = onConflictRaw === null ? null : run('on_conflict parameter', onConflictRaw, columnList)

  const filters: QueryParams['filters'] = []
  const rpcArgs: [string, string][] = []
  const rootFilterFields: string[] = []
  for (const [k, v] of nonEmpty) {
    if (RESERVED.has(k) || RESERVED_EMBEDDABLE.has(lastSegment(k))) continue
    const { path, field: f } = parseTreePath(k)
    let expr: OpExpr
    if (isRpcRead) {
      const cur = new Cursor(v)
      const parsed = fastFilter(v) ?? cur.attempt(() => opExpr(cur, restOfInput))
      if (parsed === undefined) {
        rpcArgs.push([f.name, v])
        continue
      }
      expr = parsed
    } else {
      expr = parseFilterValue(v)
    }
    filters.push({ path, filter: { field: f, expr } })
    if (path.length === 0) rootFilterFields.push(k)
  }

  // limit/offset per embed path; offset alone means "from offset, no limit".
  const ranges = new Map<string, Range>()
  const limits = new Map<string, number | null>()
  const offsets = new Map<string, number | null>()
  for (const [k, v] of nonEmpty) {
    const last = lastSegment(k)
    if (last !== 'limit' && last !== 'offset') continue
    const key = parseTreePath(k).path.join('.')
    const map = last === 'limit' ? limits : offsets
    if (!map.has(key)) map.set(key, readInteger(v))
  }
  for (const key of new Set([...limits.keys(), ...offsets.keys()])) {
    const limit = limits.get(key) ?? null
    const offset = offsets.get(key) ?? null
    // A negative limit is kept: the handler answers 416 "Limit should be greater than or equal to zero."
    ranges.set(key, { offset: offset !== null && offset >= 0 ? offset : 0, limit })
  }

  let canonical: string | undefined
  return {
    // Only reads need it (Content-Location): computed on first use.
    get canonical() {
      return (canonical ??= canonicalQuery(params))
    },
    select,
    filters,
    rpcArgs,
    logic,
    order,
    ranges,
    columns,
    onConflict,
    rootFilterFields,
  }
}
