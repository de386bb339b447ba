export { summarizeDoc } from './summarize.js'
export { SummaryWorker } from './summaryWorker.js'
