// The layout model alone, for the browser (the web app's preview and print view): no PDF,
// DOCX or font code comes with it.
export { layoutDocument, pageLabel, type Layout, type LayoutSection, type HeaderItem, type ApprovalRecord } from './layout.js'
export { isLineBreak, type Block, type Inline, type TextRun } from './blocks.js'
