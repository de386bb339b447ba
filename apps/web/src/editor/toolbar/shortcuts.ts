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
 * Roving tabindex (WAI-ARIA toolbar pattern): the index that gets focus after `key`, or null
 * when the key is not a toolbar navigation key. Disabled buttons are skipped.
 */
export function nextFocus(current: number, key: string, enabled: readonly boolean[]): number | null {
  const n = enabled.length
  if (n === 0) return null
  const step = (from: number, dir: 1 | -1): number => {
    for (let i = 1; i <= n; i++) {
      const j = (((from + dir * i) % n) + n) % n
      if (enabled[j]) return j
    }
    return current
  }
  if (key === 'ArrowRight') return step(current, 1)
  if (key === 'ArrowLeft') return step(current, -1)
  if (key === 'Home' || key === 'End') {
    const i = key === 'Home' ? enabled.indexOf(true) : enabled.lastIndexOf(true)
    return i < 0 ? null : i
  }
  return null
}
