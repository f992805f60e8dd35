import { expect, test } from 'vitest'
import { amountInFrenchWords, integerToFrenchWords } from './words.ts'

test.each([
  [0, 'zéro'],
  [1, 'un'],
  [16, 'seize'],
  [17, 'dix-sept'],
  [21, 'vingt et un'],
  [71, 'soixante et onze'],
  [72, 'soixante-douze'],
  [80, 'quatre-vingts'],
  [81, 'quatre-vingt-un'],
  [91, 'quatre-vingt-onze'],
  [99, 'quatre-vingt-dix-neuf'],
  [100, 'cent'],
  [101, 'cent un'],
  [180, 'cent quatre-vingts'],
  [200, 'deux cents'],
  [201, 'deux cent un'],
  [1000, 'mille'],
  [1001, 'mille un'],
  [2000, 'deux mille'],
  [80_000, 'quatre-vingt mille'],
  [200_000, 'deux cent mille'],
  [300_080, 'trois cent mille quatre-vingts'],
  [1_000_000, 'un million'],
  [1_180_000, 'un million cent quatre-vingt mille'],
  [2_000_000, 'deux millions'],
  [200_000_000, 'deux cents millions'],
  [80_000_000, 'quatre-vingts millions'],
  [1_000_000_000, 'un milliard'],
  [5_782_000, 'cinq millions sept cent quatre-vingt-deux mille'],
])('%i → %s', (value, words) => {
  expect(integerToFrenchWords(value)).toBe(words)
})

test('amounts take "franc(s) CFA", and "de" after a round million', () => {
  expect(amountInFrenchWords(1)).toBe('un franc CFA')
  expect(amountInFrenchWords(0)).toBe('zéro franc CFA')
  expect(amountInFrenchWords(1_180_000)).toBe('un million cent quatre-vingt mille francs CFA')
  expect(amountInFrenchWords(3_000_000)).toBe('trois millions de francs CFA')
  expect(amountInFrenchWords(-500)).toBe('moins cinq cents francs CFA')
})

test('refuses what is not a non-negative integer', () => {
  expect(() => integerToFrenchWords(1.5)).toThrow(RangeError)
  expect(() => integerToFrenchWords(-1)).toThrow(RangeError)
})
