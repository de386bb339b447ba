/**
 * FNV-1a over the normalised section text: cheap enough to run on every keystroke's
 * coverage pass, and whitespace-only changes do not make a verdict outdated.
 */
export function sectionFingerprint(text: string): string {
  const normalised = text.replace(/\s+/g, ' ').trim()
  let hash = 0x811c9dc5
  for (let i = 0; i < normalised.length; i++) {
    hash ^= normalised.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${normalised.length.toString(36)}-${hash.toString(36)}`
}
