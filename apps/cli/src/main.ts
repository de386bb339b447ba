/**
 * `perspektiv <command>`: each command lives in its own module under ./commands and is
 * loaded only when used, so `check` starts fast and needs no server code.
 */
type Command = (args: string[]) => Promise<number>

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary: 'check <fil.txt|.md|.docx> [--json] [--template remissvar|beslut]  Kontrollera perspektiven i ett dokument',
    load: async () => (await import('./commands/check.js')).check,
  },
  users: {
    summary: 'users add <användarnamn> --name "…" [--title "…"] [--admin] | users list  Hantera konton (lösenord från stdin)',
    load: async () => (await import('./commands/users.js')).users,
  },
  import: {
    summary: 'import <fil.txt|.md|.docx> --author <användarnamn> [--title "…"] [--template remissvar|beslut]  Skapa ett dokument av en äldre fil',
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  export: {
    summary: 'export <dokument-id> --format docx|pdf|html|md [--out FIL]  Exportera ett dokument',
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
}

export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  COMMANDS[name] = { summary, load }
}

function usage(): string {
  return ['Användning: perspektiv <kommando>', '', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n')
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`perspektiv: okänt kommando "${name}"\n${usage()}\n`)
    return 2
  }
  try {
    return await (await command.load())(rest)
  } catch (err) {
    // One line, never a stack trace: the person at the terminal needs the reason.
    process.stderr.write(`perspektiv ${name}: ${err instanceof Error ? err.message : String(err)}\n`)
    return 2
  }
}
