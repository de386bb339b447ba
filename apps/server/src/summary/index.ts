export { summarizeDoc, summarizeUpdates, type ContentSummary } from './summarize.js'
export { SummaryWorker } from './summaryWorker.js'
