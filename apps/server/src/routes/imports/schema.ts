// The request schemas of routes/imports (shared with the web app, so defined in packages/model).
export { importQuerySchema } from '@perspektiv/model'
