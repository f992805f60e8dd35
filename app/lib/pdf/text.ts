// Text helpers of the PDF module: making arbitrary user text drawable with
// the embedded font, measuring and wrapping it, and the French labels and
// number formats that app/lib/format.ts does not cover.
import type { PDFFont } from 'pdf-lib'
import { LOCALE, NNBSP } from '../format.ts'

/**
 * Makes a string drawable with `font`: NFC (so "é" typed as e + U+0301 finds
 * its precomposed glyph), tabs and exotic spaces as spaces, control characters
 * dropped, and a character the font lacks replaced by its base letter
 * ("ǹ" → "n") or "?" — never a silent blank box (.notdef).
 */
export function drawable(text: string, charset: ReadonlySet<number>): string {
  let out = ''
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!
    if (charset.has(code)) {
      out += char
    } else if (char === '\t' || char === '\u3000') {
      out += ' '
    } else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xfeff || code === 0x200b) {
      // control characters and zero-width marks: nothing to draw
    } else {
      const base = [...char.normalize('NFD')].filter((part) => charset.has(part.codePointAt(0)!)).join('')
      out += base || '?'
    }
  }
  return out
}

/** Width of a single line of (already drawable) text. */
export function widthOf(font: PDFFont, text: string, size: number): number {
  return font.widthOfTextAtSize(text, size)
}

/**
 * Splits text into lines no wider than `maxWidth`. Breaks only at ordinary
 * spaces (U+0020): the no-break spaces of amounts and "F CFA" hold together.
 * Explicit newlines start new lines; a word longer than a line is cut.
 */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    const words = paragraph.split(' ').filter((word, index, all) => word !== '' || all.length === 1)
    let line = ''
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word
      if (widthOf(font, candidate, size) <= maxWidth) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      // A single word wider than the line (a long reference, a URL): cut it.
      let rest = word
      while (widthOf(font, rest, size) > maxWidth) {
        let cut = rest.length - 1
        while (cut > 1 && widthOf(font, rest.slice(0, cut), size) > maxWidth) cut--
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

/** Largest size ≤ `size` (down to `min`) at which `text` fits on one line. */
export function fitSize(font: PDFFont, text: string, size: number, maxWidth: number, min = 6): number {
  let current = size
  while (current > min && widthOf(font, text, current) > maxWidth) current -= 0.25
  return current
}

const quantityFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 })
const rateFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 })

/** 2 → "2", 2.5 → "2,5", 1500 → "1 500" (narrow no-break space). */
export function formatQuantity(quantity: number): string {
  return quantityFormat.format(quantity).replace(/[\u00a0\u202f ]/g, NNBSP)
}

/** 18 → "18 %" with the narrow no-break space French typography puts before %. */
export function formatRate(rate: number): string {
  return `${rateFormat.format(rate)}${NNBSP}%`
}

const regionNames = new Intl.DisplayNames(['fr'], { type: 'region' })

/** "CI" → "Côte d’Ivoire". */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code
  } catch {
    return code
  }
}

/**
 * Human name of a CinetPay operator code (payments.payment_method_detail).
 * CinetPay adds codes per country (OMCIV2, WAVECI…): match on prefixes and
 * print anything unknown as received.
 */
export function operatorLabel(detail: string): string {
  const code = detail.toUpperCase()
  if (code.startsWith('OM')) return 'Orange Money'
  if (code.startsWith('MOMO') || code.startsWith('MTN')) return 'MTN Mobile Money'
  if (code.startsWith('FLOOZ') || code.startsWith('MOOV')) return 'Moov Money'
  if (code.startsWith('WAVE')) return 'Wave'
  if (/^(VISA|MASTER|CARD|CB|CREDIT_CARD)/.test(code)) return 'Carte bancaire'
  return detail
}

/** "Paiement en ligne — Orange Money", "Virement bancaire", "Espèces". */
export function paymentMethodLabel(method: 'online' | 'transfer' | 'cash', detail?: string): string {
  if (method === 'transfer') return 'Virement bancaire'
  if (method === 'cash') return 'Espèces'
  return detail ? `Paiement en ligne — ${operatorLabel(detail)}` : 'Paiement en ligne'
}
