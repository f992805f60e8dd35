import { clsx, type ClassValue } from 'clsx'

/**
 * Joins class names; when two Tailwind utilities set the same property, the
 * later one wins (`cn('h-10 px-4', 'h-8')` → `px-4 h-8`), so a component's
 * `className` can override its defaults as with shadcn/ui.
 *
 * Why not tailwind-merge: it costs ~9.5 KB gzipped on every page, and React
 * plus React Router already take ~105 KB of the portal's 120 KB first-load
 * budget (issue 5, docs/decisions/007-client-bundle-budget.md). This resolver
 * knows the utility groups our components override (box model, sizing,
 * typography, colours, flex/grid alignment…); for anything it does not
 * recognise it keeps both classes, i.e. it degrades to plain `clsx`. Tested
 * in tests/workers/utils.test.ts.
 */
export function cn(...inputs: ClassValue[]) {
  return mergeClasses(clsx(inputs))
}

// Utilities that look like a group below but set another property: kept as they are.
const UNRELATED =
  /^(bg-(fixed|local|scroll|repeat|no-repeat|cover|contain|auto|center|top|bottom|left|right|clip-|origin-)|border-(collapse|separate|spacing)|ring-(offset|inset))/

// One entry per property group, tried in order. The capture named `k`
// refines the group: a side or an axis (`px` → "x", `rounded-t` → "t", `w`
// for `size`'s width…), which a class without it covers, or a property name.
const GROUPS = [
  /^(block|inline|inline-block|flex|inline-flex|grid|inline-grid|contents|hidden|table|flow-root|list-item)$/,
  /^(static|fixed|absolute|relative|sticky)$/,
  /^p(?<k>[xytrblse]?)-/,
  /^m(?<k>[xytrblse]?)-/,
  /^(?:size|(?<k>[wh]))-/,
  /^min-w-/,
  /^min-h-/,
  /^max-w-/,
  /^max-h-/,
  /^gap(?:-(?<k>[xy]))?-/,
  /^rounded(?:-(?<k>tl|tr|br|bl|ss|se|es|ee|[trblse]))?(?=-|$)/,
  // font size, arbitrary lengths included; any other text-* below is a colour
  /^text-((xs|sm|base|lg|xl|\dxl)(\/.+)?|\[(length:[^\]]+|[\d.]+(px|rem|em|vw|vh|%))\](\/.+)?|\(length:.+\))$/,
  /^text-(left|center|right|justify|start|end)$/,
  /^text-(wrap|nowrap|balance|pretty)$/,
  /^text-(ellipsis|clip)$/,
  /^text-/,
  /^bg-(none|linear-|radial-|conic-|gradient-|\[url)/,
  /^bg-/,
  /^border(?:-(?<k>[xytrblse]))?(-(\d+(\.\d+)?|px|\[[\d.]+(px|rem|em)?\]))?$/,
  /^border-(solid|dashed|dotted|double|hidden|none)$/,
  /^border(?:-(?<k>[xytrblse]))?-/,
  /^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/,
  /^font-(sans|serif|mono)$/,
  /^shadow(-(2xs|xs|sm|md|lg|xl|2xl|none|inner))?$/,
  /^ring(-(\d+|px|\[[\d.]+(px|rem|em)?\]))?$/,
  /^ring-/,
  /^(?<k>opacity|z|items|self|leading|tracking|whitespace|cursor|grid-cols)-/,
  /^justify-(start|end|center|between|around|evenly|stretch|normal|baseline)/,
  /^flex-(row|col)/,
  /^flex-(wrap|nowrap|wrap-reverse)$/,
  /^flex-(1|auto|initial|none)$/,
  /^overflow(?:-(?<k>[xy]))?-/,
  /^(?:inset|(?<k>inset-[xy]|top|right|bottom|left))-/,
]
const IN_AXIS: Record<string, string> = { x: 'rlse', y: 'tb' }

/** Property group of a utility (`px-2` → [2, "x"]), or null when unknown. */
function groupOf(base: string): [group: number, k: string] | null {
  if (UNRELATED.test(base)) return null
  for (let i = 0; i < GROUPS.length; i++) {
    const m = GROUPS[i].exec(base)
    if (m) return [i, m.groups?.k ?? '']
  }
  return null
}

/** Whether a class refined by `wide` overrides one refined by `narrow` in the same group. */
const covers = (wide: string, narrow: string) =>
  wide === narrow || (narrow !== '' && (wide === '' || Boolean(IN_AXIS[wide]?.includes(narrow))))

export function mergeClasses(classList: string): string {
  const classes = classList.split(/\s+/).filter(Boolean)
  // Groups already set by a later class, per variant prefix: [prefix, group, side].
  const taken: [string, number, string][] = []
  const seen = new Set<string>()
  const kept: string[] = []
  for (let i = classes.length - 1; i >= 0; i--) {
    const cls = classes[i]
    // `md:hover:px-2!` → variants "md:hover:", base "px-2", important.
    let depth = 0
    let cut = 0
    for (let j = 0; j < cls.length; j++) {
      const ch = cls[j]
      if (ch === '[' || ch === '(') depth++
      else if (ch === ']' || ch === ')') depth--
      else if (ch === ':' && depth === 0) cut = j + 1
    }
    let base = cls.slice(cut)
    const important = /^!|!$/.test(base)
    base = base.replace(/^!|!$/g, '').replace(/^-/, '')
    const prefix = cls.slice(0, cut) + (important ? '!' : '')
    const group = groupOf(base)
    if (group) {
      if (taken.some(([p, g, side]) => p === prefix && g === group[0] && covers(side, group[1]))) continue
      taken.push([prefix, ...group])
    } else {
      if (seen.has(prefix + base)) continue
      seen.add(prefix + base)
    }
    kept.push(cls)
  }
  return kept.reverse().join(' ')
}
