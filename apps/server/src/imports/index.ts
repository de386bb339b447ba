export { planImport, type ImportPlan } from './preview.js'
