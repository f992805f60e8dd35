// The typed tree the query-string parser produces (parser.ts) and the
// compiler consumes (compiler.ts). It mirrors PostgREST's ApiRequest types:
// names follow the PostgREST grammar so that its documentation reads across.

/** One `->key` / `->>0` step of a JSON path. Index values keep their sign (`+1`, `-1`). */
export interface JsonStep {
  arrow: '->' | '->>'
  value: string
  isIndex: boolean
}

/** A column reference with an optional JSON path: `data->a->>b`. */
export interface Field {
  name: string
  path: JsonStep[]
}

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max'

export interface SelectField {
  kind: 'field'
  field: Field
  alias?: string
  cast?: string
  aggregate?: AggregateFn
  aggregateCast?: string
}

export interface SelectEmbed {
  kind: 'embed'
  /** Target name as written: a table, a view, a FK constraint, a FK column or a function. */
  relation: string
  alias?: string
  hint?: string
  joinType?: 'inner' | 'left'
  /** `...target(...)`: columns flattened into the parent. */
  spread: boolean
  children: SelectItem[]
}

export type SelectItem = SelectField | SelectEmbed

export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj'
export type QuantOperator = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch'
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts'
export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown'

export type Operation =
  | { kind: 'simple'; op: SimpleOperator; value: string }
  | { kind: 'quant'; op: QuantOperator; quantifier?: 'any' | 'all'; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsValue }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; op: FtsOperator; config?: string; value: string }

export interface OpExpr {
  negated: boolean
  operation: Operation
}

export interface Filter {
  field: Field
  expr: OpExpr
}

export type LogicTree =
  | { kind: 'expr'; negated: boolean; op: 'and' | 'or'; children: LogicTree[] }
  | { kind: 'stmt'; filter: Filter }

export interface OrderTerm {
  /** Set for `embed(column)` terms (ordering by a to-one embedded column). */
  relation?: string
  field: Field
  direction?: 'asc' | 'desc'
  nulls?: 'first' | 'last'
}

/** A row range: offset plus optional limit (null = no limit). */
export interface Range {
  offset: number
  limit: number | null
}

/** Everything the query string says, already parsed. Embed paths are lists of names (aliases or relations). */
export interface QueryParams {
  /** Sorted, re-encoded query string (Content-Location). */
  canonical: string
  select: SelectItem[]
  filters: { path: string[]; filter: Filter }[]
  /** RPC GET/HEAD: parameters whose value is not an operator expression are function arguments. */
  rpcArgs: [string, string][]
  logic: { path: string[]; tree: LogicTree }[]
  order: { path: string[]; terms: OrderTerm[] }[]
  /** Keyed by embed path joined with '.', '' for the top level. */
  ranges: Map<string, Range>
  columns: string[] | null
  onConflict: string[] | null
  /** Names of the fields filtered on at the top level (PUT validation). */
  rootFilterFields: string[]
}
