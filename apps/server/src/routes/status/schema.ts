// The request schemas of routes/status (shared with the web app, so defined in packages/model).
/** The body: `{ to }`. */
export { statusChangeBodySchema } from '@perspektiv/model'
