import { SuggestToggle } from './SuggestionsPanel.js'
import type { SuggestModeState } from './suggestMode.js'

/** Above the text for everyone who may comment: "Kommentera", and "Föreslå ändringar" where allowed. */
export function ReviewToolbar({ onComment, hint, suggestMode }: { onComment: () => void; hint: string | null; suggestMode: SuggestModeState | null }) {
  return (
    <div className="comment-toolbar">
      <button
        type="button"
        className="button"
        aria-keyshortcuts="Control+Alt+M"
        // Keep the text selection: the button must not take it away on mousedown.
        onMouseDown={(e) => e.preventDefault()}
        onClick={onComment}
      >
        Kommentera
      </button>
      {suggestMode && <SuggestToggle mode={suggestMode} />}
      <span className="muted">Markera text i dokumentet och välj Kommentera (Ctrl+Alt+M).</span>
      <span role="status" className="comment-toolbar__hint">
        {hint}
      </span>
    </div>
  )
}
