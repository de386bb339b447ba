export { planImport, type ImportPlan } from './preview.js'
export { storeWordSuggestions } from './wordSuggestions.js'
