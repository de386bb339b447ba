export * from './shape.js'
export { sectionFingerprint } from './fingerprint.js'
export { createThread, addReply, setResolved, listThreads } from './threads.js'
export { setVerdict, clearVerdict, readVerdicts, isVerdictOutdated } from './verdicts.js'
export { wordDiff, wordTokens, type DiffPart } from './diff.js'
export { createAnchor, resolveAnchor, type ResolvedAnchor, type ProsemirrorMapping } from './anchors.js'
export { boundedJSON, jsonTooDeep, MAX_TYPE_DEPTH } from './bounded.js'
export { judgeSuggestion, judgeThread, judgeVerdict, REFUSALS, type Actor, type AuditNote, type Judgement, type Refusal, type RefusalKind } from './rules.js'
export {
  SUGGESTIONS_MAP,
  SUGGESTION_STATES,
  suggestionSchema,
  isInsertion,
  putSuggestion,
  withdrawSuggestion,
  decideSuggestion,
  listSuggestions,
  createPointAnchor,
  resolveSuggestion,
  type Suggestion,
  type ResolvedSuggestion,
} from './suggestions.js'
export { openSuggestionEdits, suggestionEdit, suggestionsAt } from './suggestionEdits.js'
