import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { exportFormatSchema } from '@perspektiv/model'
import { loadTemplates } from '@perspektiv/model/load'
import { insertMissingSections } from '@perspektiv/document'
import { exportStoredDocument, loadStoredDoc, openCliStores } from '@perspektiv/server'

const USAGE = 'export <dokument-id> --format docx|pdf|html|md [--out FIL]'

/**
 * `perspektiv export`: renders a stored document straight from DATA_DIR. It only reads the
 * database (the server may be running), so what it exports is everything any peer has seen.
 */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, out: { type: 'string' } },
  })
  const format = exportFormatSchema.safeParse(values.format)
  if (positionals.length !== 1 || !format.success) {
    process.stderr.write(`Ange dokumentets id och --format (docx, pdf, html eller md).\nAnvändning: perspektiv ${USAGE}\n`)
    return 2
  }
  const { store, close } = await openCliStores()
  try {
    const record = await store.getDocument(positionals[0]!)
    if (!record) {
      process.stderr.write(`Det finns inget dokument med id "${positionals[0]}".\n`)
      return 1
    }
    const template = loadTemplates().get(record.templateId)
    if (!template) throw new Error(`dokumentets mall "${record.templateId}" finns inte`)
    const doc = await loadStoredDoc(store, record.id, 'content')
    // A draft stored before its template gained a section, and not yet upgraded by a server
    // start (document SPEC S6): added in memory only — this command never writes.
    if (record.status !== 'godkand') insertMissingSections(doc, template)
    try {
      const file = await exportStoredDocument(store, record, template, doc, format.data)
      const out = resolve(values.out ?? file.fileName)
      writeFileSync(out, file.bytes)
      process.stdout.write(`${out}\n`)
      return 0
    } finally {
      doc.destroy()
    }
  } finally {
    await close()
  }
}
