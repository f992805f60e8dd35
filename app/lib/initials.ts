/** "Awa Koné" → "AK"; an e-mail → its first two letters. */
export function initialsOf(nameOrEmail: string): string {
  const words = nameOrEmail.replace(/@.*/, '').split(/[\s._-]+/).filter(Boolean)
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '?').slice(0, 2)
  return letters.toUpperCase()
}
