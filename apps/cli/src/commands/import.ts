import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { loadTemplates } from '@perspektiv/model/load'
import { importLegacy, LegacyImportError } from '@perspektiv/legacy'
import { createDocument, openCliStores, planImport, storeWordSuggestions } from '@perspektiv/server'

const USAGE = 'import <fil.txt|.md|.docx> --author <användarnamn> [--title "…"] [--template remissvar|beslut]'

/** `perspektiv import`: a legacy TU becomes a Perspektiv document in DATA_DIR; prints its id. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { author: { type: 'string' }, title: { type: 'string' }, template: { type: 'string', default: 'remissvar' } },
  })
  if (positionals.length !== 1 || !values.author) {
    process.stderr.write(`Ange filen och --author (den som blir dokumentets författare).\nAnvändning: perspektiv ${USAGE}\n`)
    return 2
  }
  const file = positionals[0]!
  const template = loadTemplates().get(values.template!)
  if (!template) {
    process.stderr.write(`Okänd mall "${values.template}". Välj remissvar eller beslut.\n`)
    return 2
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    process.stderr.write(`Filen ${file} kan inte läsas.\n`)
    return 2
  }
  let legacy
  try {
    legacy = await importLegacy(basename(file), bytes, template, { wordChanges: true })
  } catch (err) {
    if (err instanceof LegacyImportError) {
      process.stderr.write(`${err.message}\n`)
      return 2
    }
    throw err
  }
  const stores = await openCliStores()
  try {
    const author = await stores.users.byUsername(values.author)
    if (!author) {
      process.stderr.write(`Det finns ingen användare "${values.author}". Lägg till den med: perspektiv users add ${values.author} --name "…"\n`)
      return 1
    }
    // The title, Dnr and the other header fields as the file states them (legacy SPEC L14).
    const plan = planImport(basename(file), template, legacy)
    const { store } = stores
    const record = await createDocument(store, template, {
      title: values.title?.trim() || plan.title,
      meta: plan.meta,
      content: plan.content,
      createdBy: author.id,
    })
    // Word's tracked changes become suggestions by the importing user (review S9).
    const suggested = await storeWordSuggestions(store, record.id, plan.wordChanges, author)
    if (suggested > 0) process.stderr.write(`Obs: ${suggested} ändringsförslag från Word finns under ”Ändringsförslag”.\n`)
    for (const w of plan.preview.warnings) process.stderr.write(`Obs: ${w}\n`)
    process.stdout.write(`${record.id}\n`)
    return 0
  } finally {
    await stores.close()
  }
}
