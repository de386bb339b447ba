export { perspektivSchema, contentExtensions, tableExtensions, Section, PerspektivDocument, isSafeHref, SAFE_LINK_PROTOCOLS } from './schema.js'
export { nodeText, sectionAttrs, sectionNodes, tableNode, type PMNode, type SectionAttrs, type TableCellText } from './json.js'
export {
  CONTENT_FRAGMENT,
  initialDocument,
  createDocumentYDoc,
  writeContent,
  yDocToJSON,
  toSectionedDocument,
} from './initial.js'
export {
  META_MAP,
  META_TEXT_FIELDS,
  HANDLAGGARE_TEXT_FIELDS,
  SIGNATORY_TEXT_FIELDS,
  readMeta,
  writeMeta,
  replaceText,
  stringDiff,
  signatoryYMap,
  type MetaTextField,
} from './meta.js'
export { upgradeHeaderText, type HeaderTextUpgrade } from './headerUpgrade.js'
export { validateStructure, type StructureReport } from './structure.js'
export { missingSectionInserts, insertMissingSections, UPGRADE_CLIENT_ID, type SectionInsert } from './upgrade.js'
export {
  StructureGuard,
  structureGuardPlugin,
  structureGuardKey,
  sectionSkeleton,
  compareSkeletons,
  checkTransaction,
  isRemoteTransaction,
  deleteAcrossSections,
  deleteAcrossSectionsCommand,
  unwrapPastedSections,
  type SectionSkeletonEntry,
  type StructureViolation,
  type StructureGuardOptions,
} from './guard.js'
export { mapPrivateUse } from './glyphs.js'
export {
  applyTextEdits,
  trackTextEdits,
  trackedChangeOf,
  hasTrackedChanges,
  TRACKED_MARK,
  type TextEdit,
  type TrackedChangeAttrs,
} from './textEdits.js'
