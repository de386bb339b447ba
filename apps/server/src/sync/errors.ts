/** The stored state of a document cannot be read: it is refused, never served blank (SRV-S1). */
export class DocumentUnavailableError extends Error {
  constructor(
    readonly documentId: string,
    readonly reason: string,
  ) {
    super(`document ${documentId} is unavailable: ${reason}`)
  }
}
