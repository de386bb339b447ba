export { createApp, type AppOptions, type PerspektivApp } from './app.js'
export { startServer, DEFAULT_PORT, type StartOptions, type RunningServer } from './main.js'
export { createDocument, type DocumentSummary, type DocumentDetail } from './documents.js'
export * from './storage/index.js'
