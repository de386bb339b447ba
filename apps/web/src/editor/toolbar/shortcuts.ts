// Keyboard shortcuts as the toolbar shows them (tooltips) and announces them
// (aria-keyshortcuts). Pure, so the labels are unit-tested for both platforms.

/** A shortcut in TipTap notation: "Mod-b", "Mod-Shift-8", "Mod-Alt-3", "Tab". */
export type Shortcut = string

const KEY_NAMES: Record<string, string> = { Tab: 'Tab', Backslash: '\\' }

function parts(shortcut: Shortcut): { mods: string[]; key: string } {
  const pieces = shortcut.split('-')
  const key = pieces.pop() ?? ''
  return { mods: pieces, key: KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key) }
}

/** "Ctrl+Skift+8" on Windows/Linux, "⌘⇧8" on a Mac (Swedish key names, as in Word). */
export function shortcutLabel(shortcut: Shortcut, mac: boolean): string {
  const { mods, key } = parts(shortcut)
  const names = mods.map((m) => {
    if (m === 'Mod') return mac ? '⌘' : 'Ctrl'
    if (m === 'Shift') return mac ? '⇧' : 'Skift'
    if (m === 'Alt') return mac ? '⌥' : 'Alt'
    return m
  })
  return mac ? [...names, key].join('') : [...names, key].join('+')
}

/** The ARIA form: "Control+Shift+8" (or "Meta+…" on a Mac). */
export function ariaShortcut(shortcut: Shortcut, mac: boolean): string {
  const { mods, key } = parts(shortcut)
  const names = mods.map((m) => (m === 'Mod' ? (mac ? 'Meta' : 'Control') : m))
  return [...names, key].join('+')
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
}

/**
 * Roving tabindex (WAI-ARIA toolbar pattern): the index that gets focus after `key` among
 * `count` buttons, or null when the key is not a toolbar navigation key. Disabled buttons
 * stay focusable (aria-disabled), so a keyboard user finds them, as the pattern advises.
 */
export function nextFocus(current: number, key: string, count: number): number | null {
  if (count === 0) return null
  if (key === 'ArrowRight') return (current + 1) % count
  if (key === 'ArrowLeft') return (current - 1 + count) % count
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return null
}
