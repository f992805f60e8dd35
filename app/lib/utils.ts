import { clsx, type ClassValue } from 'clsx'

/**
 * Joins class names; when two Tailwind utilities set the same property, the
 * later one wins (`cn('h-10 px-4', 'h-8')` → `px-4 h-8`), so a component's
 * `className` can override its defaults as with shadcn/ui.
 *
 * Why not tailwind-merge: it costs ~9.5 KB gzipped on every page, and React
 * plus React Router already take ~110 KB of the portal's 120 KB first-load
 * budget (issue 5). This resolver knows the utility groups our components
 * override (box model, sizing, typography, colours, flex/grid alignment…);
 * for anything it does not recognise it keeps both classes, i.e. it degrades
 * to plain `clsx`. Tested in tests/workers/utils.test.ts.
 */
export function cn(...inputs: ClassValue[]) {
  return mergeClasses(clsx(inputs))
}

const SIDES = 'x|y|t|r|b|l|s|e'
const SIZE_TEXT = /^text-((xs|sm|base|lg|xl|\dxl)(\/.+)?|\[(length:[^\]]+|[\d.]+(px|rem|em|vw|vh|%))\](\/.+)?|\(length:.+\))$/
const SHADOW_SIZE = /^shadow(-(2xs|xs|sm|md|lg|xl|2xl|none|inner))?$/
const LENGTH = /^(\d+(\.\d+)?|px|\[[\d.]+(px|rem|em)?\])$/

/** Which property group a utility sets, or null when unknown. */
function groupOf(base: string): string | null {
  let m: RegExpMatchArray | null
  if (/^(block|inline-block|inline|flex|inline-flex|grid|inline-grid|contents|hidden|table|flow-root|list-item)$/.test(base))
    return 'display'
  if (/^(static|fixed|absolute|relative|sticky)$/.test(base)) return 'position'
  if ((m = base.match(new RegExp(`^(p|m)(${SIDES})?-`)))) return `${m[1]}${m[2] ?? ''}`
  if ((m = base.match(/^(size|w|h|min-w|min-h|max-w|max-h)-/))) return m[1]
  if ((m = base.match(/^gap(-[xy])?-/))) return `gap${m[1] ?? ''}`
  if ((m = base.match(/^rounded(?:-(t|r|b|l|tl|tr|br|bl|s|e|ss|se|es|ee))?(?=-|$)/)))
    return `rounded${m[1] ? `-${m[1]}` : ''}`
  if (SIZE_TEXT.test(base)) return 'font-size'
  if (/^text-(left|center|right|justify|start|end)$/.test(base)) return 'text-align'
  if (/^text-(wrap|nowrap|balance|pretty)$/.test(base)) return 'text-wrap'
  if (/^text-(ellipsis|clip)$/.test(base)) return 'text-overflow'
  if (base.startsWith('text-')) return 'text-color'
  if (/^bg-(none|linear-|radial-|conic-|gradient-|\[url)/.test(base)) return 'bg-image'
  if (/^bg-(fixed|local|scroll|repeat|no-repeat|cover|contain|auto|center|top|bottom|left|right|clip-|origin-)/.test(base))
    return null
  if (base.startsWith('bg-')) return 'bg-color'
  if ((m = base.match(new RegExp(`^border(?:-(${SIDES}))?(?:-(.+))?$`)))) {
    const side = m[1] ? `-${m[1]}` : ''
    const value = m[2]
    if (value === undefined || LENGTH.test(value)) return `border-w${side}`
    if (/^(solid|dashed|dotted|double|hidden|none)$/.test(value)) return 'border-style'
    if (/^(collapse|separate|spacing)/.test(value)) return null
    return `border-color${side}`
  }
  if (/^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/.test(base)) return 'font-weight'
  if (/^font-(sans|serif|mono)$/.test(base)) return 'font-family'
  if (SHADOW_SIZE.test(base)) return 'shadow'
  if ((m = base.match(/^ring(?:-(.+))?$/))) {
    if (m[1] === undefined || LENGTH.test(m[1])) return 'ring-w'
    if (m[1].startsWith('offset') || m[1] === 'inset') return null
    return 'ring-color'
  }
  if (/^opacity-/.test(base)) return 'opacity'
  if (/^z-/.test(base)) return 'z'
  if (/^items-/.test(base)) return 'align-items'
  if (/^justify-(start|end|center|between|around|evenly|stretch|normal|baseline)/.test(base)) return 'justify-content'
  if (/^self-/.test(base)) return 'align-self'
  if (/^flex-(row|col)/.test(base)) return 'flex-direction'
  if (/^flex-(wrap|nowrap|wrap-reverse)$/.test(base)) return 'flex-wrap'
  if (/^flex-(1|auto|initial|none)$/.test(base)) return 'flex'
  if ((m = base.match(/^overflow(-[xy])?-/))) return `overflow${m[1] ?? ''}`
  if (/^leading-/.test(base)) return 'leading'
  if (/^tracking-/.test(base)) return 'tracking'
  if (/^whitespace-/.test(base)) return 'whitespace'
  if (/^cursor-/.test(base)) return 'cursor'
  if ((m = base.match(/^(inset(?:-[xy])?|top|right|bottom|left)-/))) return m[1]
  if (/^grid-cols-/.test(base)) return 'grid-cols'
  return null
}

/** A later class of group K also overrides earlier classes of these groups. */
const OVERRIDES: Record<string, string[]> = {
  p: ['px', 'py', 'pt', 'pr', 'pb', 'pl', 'ps', 'pe'],
  px: ['pr', 'pl', 'ps', 'pe'],
  py: ['pt', 'pb'],
  m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml', 'ms', 'me'],
  mx: ['mr', 'ml', 'ms', 'me'],
  my: ['mt', 'mb'],
  size: ['w', 'h'],
  gap: ['gap-x', 'gap-y'],
  rounded: ['rounded-t', 'rounded-r', 'rounded-b', 'rounded-l', 'rounded-tl', 'rounded-tr', 'rounded-br', 'rounded-bl', 'rounded-s', 'rounded-e'],
  'border-w': ['border-w-x', 'border-w-y', 'border-w-t', 'border-w-r', 'border-w-b', 'border-w-l', 'border-w-s', 'border-w-e'],
  'border-color': ['border-color-x', 'border-color-y', 'border-color-t', 'border-color-r', 'border-color-b', 'border-color-l'],
  overflow: ['overflow-x', 'overflow-y'],
  inset: ['inset-x', 'inset-y', 'top', 'right', 'bottom', 'left'],
}

/** `md:hover:px-2!` → variants "md:hover:", base "px-2", important. */
function parse(cls: string) {
  let depth = 0
  let cut = 0
  for (let i = 0; i < cls.length; i++) {
    const ch = cls[i]
    if (ch === '[' || ch === '(') depth++
    else if (ch === ']' || ch === ')') depth--
    else if (ch === ':' && depth === 0) cut = i + 1
  }
  let base = cls.slice(cut)
  let important = false
  if (base.startsWith('!')) {
    important = true
    base = base.slice(1)
  } else if (base.endsWith('!')) {
    important = true
    base = base.slice(0, -1)
  }
  if (base.startsWith('-')) base = base.slice(1)
  return { variants: cls.slice(0, cut), base, important }
}

export function mergeClasses(classList: string): string {
  const classes = classList.split(/\s+/).filter(Boolean)
  const taken = new Set<string>()
  const kept: string[] = []
  for (let i = classes.length - 1; i >= 0; i--) {
    const cls = classes[i]
    const { variants, base, important } = parse(cls)
    const group = groupOf(base)
    const prefix = `${variants}${important ? '!' : ''}`
    const key = group ? `${prefix}${group}` : `${prefix}=${base}`
    if (taken.has(key)) continue
    taken.add(key)
    if (group) for (const sub of OVERRIDES[group] ?? []) taken.add(`${prefix}${sub}`)
    kept.push(cls)
  }
  return kept.reverse().join(' ')
}
