import { AlignmentType, BorderStyle, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE }

const cell = (...lines: string[]) => new TableCell({ children: lines.map((t) => new Paragraph(t)), width: { size: 50, type: WidthType.PERCENTAGE } })
const p = (text: string) => new Paragraph({ children: [new TextRun(text)] })
const h = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 })
const numbered = (text: string) => new Paragraph({ text, numbering: { reference: 'num', level: 0 } })
/** Word's own bullet: a Symbol-font U+F0B7 in the numbering definition; the text has none. */
const bullet = (text: string) => new Paragraph({ text, numbering: { reference: 'bullet', level: 0 } })

/**
 * A tjänsteutlåtande as Word writes it from the city's template: the header block in a
 * borderless table, heading styles, numbered and bulleted lists, a data table with a header
 * row, the closing sentence, and two signatures side by side in a borderless table.
 */
export async function tuDocx(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'num', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] },
        { reference: 'bullet', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\uf0b7', alignment: AlignmentType.START }] },
      ],
    },
    sections: [
      {
        children: [
          new Table({
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  cell('Hägersten-Älvsjö stadsdelsförvaltning', 'Avdelningen för förskola'),
                  cell('Tjänsteutlåtande', 'Dnr HÄ 2025/118', '2025-03-04'),
                ],
              }),
              new TableRow({
                children: [cell('Handläggare', 'Karin Ek', 'Telefon: 08-508 12 345'), cell('Till', 'Hägersten-Älvsjö stadsdelsnämnd', '2025-04-10')],
              }),
            ],
          }),
          new Paragraph({ text: 'Remiss om ny förskoleplan', heading: HeadingLevel.TITLE }),
          p('Svar på remiss från utbildningsnämnden, Dnr UTB 2025/77'),
          h('Förvaltningens förslag till beslut'),
          numbered('Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.'),
          numbered('Ärendet justeras omedelbart.'),
          h('Sammanfattning'),
          p('Utbildningsnämnden har remitterat en ny förskoleplan. Remissen ska besvaras senast den 30 april 2025.'),
          h('Förvaltningens synpunkter och förslag'),
          p('Förvaltningen ser positivt på planen och lyfter tre saker:'),
          bullet('fler legitimerade förskollärare'),
          bullet('mindre barngrupper'),
          h('Jämställdhetsanalys'),
          p('Andelen flickor och pojkar i förskolan per stadsdel:'),
          new Table({
            rows: [
              new TableRow({ tableHeader: true, children: [cell('Kön'), cell('Andel')] }),
              new TableRow({ children: [cell('Flickor'), cell('49 %')] }),
              new TableRow({ children: [cell('Pojkar'), cell('51 %')] }),
            ],
          }),
          p('Planen påverkar flickor och pojkar lika, eftersom platserna fördelas efter ålder och inte efter kön.'),
          p('Förvaltningen föreslår att stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande som svar på remissen.'),
          new Table({
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  cell('Eva Holm', 'Stadsdelsdirektör', 'Hägersten-Älvsjö stadsdelsförvaltning'),
                  cell('Per Lund', 'Avdelningschef', 'Hägersten-Älvsjö stadsdelsförvaltning'),
                ],
              }),
            ],
          }),
          h('Bilagor'),
          numbered('Förslag till förskoleplan'),
          numbered('Utbildningsnämndens remissbrev'),
        ],
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}
