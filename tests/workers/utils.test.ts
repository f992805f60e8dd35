import { describe, expect, it } from 'vitest'
import { cn } from '../../app/lib/utils.ts'

describe('cn (class merge for component overrides)', () => {
  it.each([
    [['h-10 px-4', 'h-8'], 'px-4 h-8'],
    [['px-2 py-1', 'p-4'], 'p-4'],
    [['p-4', 'px-2'], 'p-4 px-2'],
    [['text-sm text-muted-foreground', 'text-lg'], 'text-muted-foreground text-lg'],
    [['text-sm text-muted-foreground', 'text-destructive'], 'text-sm text-destructive'],
    [['border border-input', 'border-destructive'], 'border border-destructive'],
    [['border', 'border-2'], 'border-2'],
    [['rounded-md', 'rounded-t-none'], 'rounded-md rounded-t-none'],
    [['rounded-t-none', 'rounded-lg'], 'rounded-lg'],
    [['hover:bg-accent bg-primary', 'bg-brand'], 'hover:bg-accent bg-brand'],
    [['flex', 'hidden md:flex'], 'hidden md:flex'],
    [['w-6 h-6', 'size-4'], 'size-4'],
    [['size-4', 'w-6'], 'size-4 w-6'],
    [['focus-visible:ring-[3px] focus-visible:ring-ring/50', 'focus-visible:ring-destructive/20'], 'focus-visible:ring-[3px] focus-visible:ring-destructive/20'],
    [['font-medium', 'font-semibold font-mono'], 'font-semibold font-mono'],
    [['shadow-xs', 'shadow-none'], 'shadow-none'],
    [['[&_svg]:size-4 gap-2', 'gap-1.5'], '[&_svg]:size-4 gap-1.5'],
    [['-mx-1 my-1', 'mx-2'], 'my-1 mx-2'],
    [['text-sm', 'md:text-base'], 'text-sm md:text-base'],
    [['p-2', '!p-4'], 'p-2 !p-4'],
    [['grid grid-cols-2', 'grid-cols-[8rem_1fr]'], 'grid grid-cols-[8rem_1fr]'],
    [['animate-pulse', 'animate-pulse'], 'animate-pulse'],
    // an axis covers its sides, not the other axis
    [['pl-2 pt-1', 'px-4'], 'pt-1 px-4'],
    [['border-l-2 border-t', 'border-x-4'], 'border-t border-x-4'],
    [['top-2 left-0 inset-x-1', 'inset-0'], 'inset-0'],
    [['opacity-50 z-10', 'opacity-100'], 'z-10 opacity-100'],
    [['bg-cover bg-muted', 'bg-accent'], 'bg-cover bg-accent'],
    // arbitrary values: a length is a font size, anything else a colour
    [['text-[11px] text-muted-foreground'], 'text-[11px] text-muted-foreground'],
    [['text-[11px]', 'text-sm'], 'text-sm'],
    [['text-[#111] text-sm', 'text-muted-foreground'], 'text-sm text-muted-foreground'],
    [['text-[length:var(--x)]', 'text-(length:--y)'], 'text-(length:--y)'],
  ])('cn(%j) → %j', (input, expected) => {
    expect(cn(...input)).toBe(expected)
  })

  it('keeps unknown utilities side by side (degrades to clsx)', () => {
    expect(cn('outline-none', 'outline-ring/50')).toBe('outline-none outline-ring/50')
  })

  it('accepts clsx inputs', () => {
    expect(cn('a', false, null, undefined, { b: true, c: false }, ['d'])).toBe('a b d')
  })
})
