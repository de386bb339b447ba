import { parseArgs } from 'node:util'
import { stripNonXmlChars, usernameSchema } from '@perspektiv/model'
import { UserExistsError } from '@perspektiv/server/storage'
import { openCliStores } from '@perspektiv/server'

const USAGE = ['users add <användarnamn> --name "För- och efternamn" [--title "Titel"] [--admin]   (lösenordet läses från stdin)', 'users list'].join('\n  ')

export const MIN_PASSWORD_LENGTH = 8

/** The password: the first line of stdin (piped, or typed at a prompt). */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Lösenord: ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer)
    if (process.stdin.isTTY && chunk.includes(10)) break
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
}

/** `perspektiv users add|list`: accounts, directly in DATA_DIR (the server need not run). */
export async function users(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'add') return add(rest)
  if (sub === 'list') return list()
  process.stderr.write(`Användning:\n  ${USAGE}\n`)
  return 2
}

async function add(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, title: { type: 'string' }, admin: { type: 'boolean', default: false } },
  })
  const username = usernameSchema.safeParse(positionals[0] ?? '')
  if (!username.success || positionals.length !== 1) {
    process.stderr.write(`Ange ett användarnamn (2–64 tecken: a–z, siffror, ".", "_", "-").\nAnvändning:\n  ${USAGE}\n`)
    return 2
  }
  // Names and titles end up in exports' approval records: model M2.
  const name = stripNonXmlChars(values.name ?? '').trim()
  if (!name) {
    process.stderr.write(`Ange namnet med --name "För- och efternamn".\n`)
    return 2
  }
  const password = await readPassword()
  if (password.length < MIN_PASSWORD_LENGTH) {
    process.stderr.write(`Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken (läses från stdin).\n`)
    return 2
  }
  const stores = await openCliStores()
  try {
    const user = await stores.users.add({
      username: username.data,
      name,
      title: stripNonXmlChars(values.title ?? '').trim(),
      admin: values.admin,
      password,
    })
    process.stdout.write(`Användaren ${user.username} (${user.name}${user.admin ? ', administratör' : ''}) är tillagd.\n`)
    return 0
  } catch (err) {
    if (err instanceof UserExistsError) {
      process.stderr.write(`Det finns redan en användare som heter "${username.data}".\n`)
      return 1
    }
    throw err
  } finally {
    await stores.close()
  }
}

async function list(): Promise<number> {
  const stores = await openCliStores()
  try {
    const rows = (await stores.users.list()).map((u) => [u.username, u.name, u.title, u.admin ? 'ja' : ''])
    const header = ['Användarnamn', 'Namn', 'Titel', 'Admin']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
    process.stdout.write([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n')
    if (rows.length === 0) process.stdout.write('(inga användare)\n')
    return 0
  } finally {
    await stores.close()
  }
}
