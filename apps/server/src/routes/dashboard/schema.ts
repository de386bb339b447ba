// The request schemas of routes/dashboard (shared with the web app, so defined in packages/model).
export { dashboardQuerySchema } from '@perspektiv/model'
