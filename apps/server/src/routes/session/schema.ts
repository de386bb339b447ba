// The request schemas of routes/session (shared with the web app, so defined in packages/model).
export { signInBodySchema } from '@perspektiv/model'
