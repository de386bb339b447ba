// Test helpers for every package's tests (`@perspektiv/export/testing`): read and validate PDFs
// with JS libraries from npm, so no test needs poppler or veraPDF.
export { readPdf, walk, type PdfFile, type PdfPage, type StructElement } from './pdfRead.js'
export { validatePdf, assertValidPdf, artifactsOf, type Finding } from './pdfValidate.js'
