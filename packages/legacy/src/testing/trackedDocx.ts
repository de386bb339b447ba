import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx'

/**
 * Word files with tracked changes, made with the docx package as Word writes them (shared by
 * the legacy reader's tests and the server's and CLI's import tests).
 */
export const TRACKED_DATE = '2026-11-30T08:00:00Z'

const by = (id: number, author: string) => ({ id, author, date: TRACKED_DATE })
const heading = new Paragraph({ text: 'Ärendet', heading: HeadingLevel.HEADING_2 })
const pack = async (children: Paragraph[]) => new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })))

/** The "Ärendet" paragraph as it was, before any of `trackedDocx`'s changes. */
export const TRACKED_TEXT_BEFORE = 'Planen har tjugofyra åtgärder och några till inom belysning och skötsel.'

/** A replacement, a deletion and an insertion by two people, in one paragraph under "Ärendet". */
export async function trackedDocx(): Promise<Uint8Array<ArrayBuffer>> {
  return pack([
    heading,
    new Paragraph({
      children: [
        new TextRun('Planen har '),
        new DeletedTextRun({ text: 'tjugofyra', ...by(1, 'Rita Granskare') }),
        new InsertedTextRun({ text: 'tjugofem', ...by(2, 'Rita Granskare') }),
        new TextRun(' åtgärder'),
        new DeletedTextRun({ text: ' och några till', ...by(3, 'Alva Ek') }),
        new TextRun(' inom belysning'),
        new InsertedTextRun({ text: ', trygghet', ...by(4, 'Alva Ek') }),
        new TextRun(' och skötsel.'),
      ],
    }),
  ])
}

/** The paragraphs under "Ärendet" as they were, before `paragraphChangesDocx`'s changes. */
export const PARAGRAPHS_BEFORE = [
  'Planen har tjugofyra åtgärder. Den gäller till 2030.',
  'Belysningen byts ut i alla parker.',
  'Skötseln sker på vintern. Nya bänkar ställs ut.',
]

/**
 * Changes Word makes across paragraphs: Alva deletes from the end of the first paragraph into
 * the second (its mark deleted, a join), Rita splits the third in two (a mark inserted) and
 * replaces a word there.
 */
export async function paragraphChangesDocx(): Promise<Uint8Array<ArrayBuffer>> {
  return pack([
    heading,
    new Paragraph({
      run: { deletion: by(10, 'Alva Ek') },
      children: [new TextRun('Planen har tjugofyra åtgärder.'), new DeletedTextRun({ text: ' Den gäller till 2030.', ...by(11, 'Alva Ek') })],
    }),
    new Paragraph({ children: [new DeletedTextRun({ text: 'Belysningen byts ut', ...by(12, 'Alva Ek') }), new TextRun(' i alla parker.')] }),
    new Paragraph({ run: { insertion: by(13, 'Rita Granskare') }, children: [new TextRun('Skötseln sker på vintern.')] }),
    new Paragraph({
      children: [
        new TextRun(' Nya '),
        new DeletedTextRun({ text: 'bänkar', ...by(14, 'Rita Granskare') }),
        new InsertedTextRun({ text: 'soffor', ...by(15, 'Rita Granskare') }),
        new TextRun(' ställs ut.'),
      ],
    }),
  ])
}
