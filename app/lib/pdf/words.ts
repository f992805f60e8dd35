// Amounts in French words, as Ivorian invoices state them ("Arrêtée la
// présente facture à la somme de …"). Traditional spelling: hyphens only
// below one hundred, "et" in 21…71, "quatre-vingts" and "cents" take an s
// only when they end the number or precede "millions"/"milliards" (nouns),
// never before "mille" (invariable).

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf',
  'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf',
]
const TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante', 'soixante', 'quatre-vingt', 'quatre-vingt']

/** 0 < n < 100. `final`: the word ends the number (or precedes a noun), so "quatre-vingts" keeps its s. */
function belowHundred(n: number, final: boolean): string {
  if (n < 20) return UNITS[n]
  const ten = Math.floor(n / 10)
  const unit = n % 10
  if (ten === 7 || ten === 9) {
    // 70–79 and 90–99 count on from dix: soixante-douze, quatre-vingt-dix-neuf.
    const rest = 10 + unit
    return ten === 7 && unit === 1 ? 'soixante et onze' : `${TENS[ten]}-${UNITS[rest]}`
  }
  if (unit === 0) return ten === 8 && final ? 'quatre-vingts' : TENS[ten]
  if (unit === 1 && ten !== 8) return `${TENS[ten]} et un`
  return `${TENS[ten]}-${UNITS[unit]}`
}

/** 0 < n < 1000. */
function belowThousand(n: number, final: boolean): string {
  const hundred = Math.floor(n / 100)
  const rest = n % 100
  if (hundred === 0) return belowHundred(rest, final)
  let words = hundred === 1 ? 'cent' : `${UNITS[hundred]} cent`
  if (rest === 0) return hundred > 1 && final ? `${words}s` : words
  words += ` ${belowHundred(rest, final)}`
  return words
}

/** A non-negative integer in French words: 1180000 → "un million cent quatre-vingt mille". */
export function integerToFrenchWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Entier positif attendu : ${value}`)
  if (value === 0) return UNITS[0]
  const parts: string[] = []
  const scales: Array<[number, string]> = [
    [1e12, 'billion'],
    [1e9, 'milliard'],
    [1e6, 'million'],
  ]
  let rest = value
  for (const [size, noun] of scales) {
    const count = Math.floor(rest / size)
    rest %= size
    if (count === 0) continue
    // Before a noun the number behaves as final: "deux cents millions".
    parts.push(`${belowThousand(count, true)} ${noun}${count > 1 ? 's' : ''}`)
  }
  const thousands = Math.floor(rest / 1000)
  rest %= 1000
  if (thousands === 1) parts.push('mille')
  else if (thousands > 1) parts.push(`${belowThousand(thousands, false)} mille`)
  if (rest > 0) parts.push(belowThousand(rest, true))
  return parts.join(' ')
}

/**
 * "un million cent quatre-vingt mille francs CFA", "un million de francs CFA"
 * (a round million or milliard takes "de"), "un franc CFA".
 */
export function amountInFrenchWords(amount: number): string {
  const negative = amount < 0
  const value = Math.abs(amount)
  const words = integerToFrenchWords(value)
  const unit = value <= 1 ? 'franc CFA' : 'francs CFA'
  const roundLargeUnit = value >= 1e6 && value % 1e6 === 0
  return `${negative ? 'moins ' : ''}${words}${roundLargeUnit ? ' de' : ''} ${unit}`
}
