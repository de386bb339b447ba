/** The stored state of a document cannot be read: it is refused, never served blank (SRV-S1). */
export class DocumentUnavailableError extends Error {
  constructor(
    readonly documentId: string,
    readonly reason: string,
    /** Not the stored state's fault (it is still loading, or the state pool failed): try again. */
    readonly transient = false,
  ) {
    super(`document ${documentId} is unavailable: ${reason}`)
  }
}
