/** A file the importer cannot read: the message is Swedish and names the file and the reason. */
export class LegacyImportError extends Error {
  constructor(
    readonly fileName: string,
    message: string,
  ) {
    super(message)
    this.name = 'LegacyImportError'
  }
}
