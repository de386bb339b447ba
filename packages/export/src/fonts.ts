import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic'

const FILES: Record<FontFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
}

/** Debian's fonts-dejavu-core: the fallback if the npm package is ever missing. */
const SYSTEM_DIR = '/usr/share/fonts/truetype/dejavu'

function fontDir(): string {
  try {
    const require = createRequire(import.meta.url)
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
    if (existsSync(join(dir, FILES.regular))) return dir
  } catch {
    // fall through to the system fonts
  }
  if (existsSync(join(SYSTEM_DIR, FILES.regular))) return SYSTEM_DIR
  throw new Error('DejaVu Sans not found: install the npm package dejavu-fonts-ttf (or Debian fonts-dejavu-core)')
}

let cache: Record<FontFace, Buffer> | null = null

/**
 * The PDF's embedded fonts (DejaVu Sans: full Swedish and Latin coverage, free licence),
 * read once per process: reading ~2 MB of TTF per export would dominate small exports.
 */
export function pdfFonts(): Record<FontFace, Buffer> {
  if (!cache) {
    const dir = fontDir()
    cache = {
      regular: readFileSync(join(dir, FILES.regular)),
      bold: readFileSync(join(dir, FILES.bold)),
      italic: readFileSync(join(dir, FILES.italic)),
      boldItalic: readFileSync(join(dir, FILES.boldItalic)),
    }
  }
  return cache
}
