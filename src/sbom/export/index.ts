export { toCycloneDx, type CycloneDxBom } from './cyclonedx.js';
export { fromInventoryService } from './from-inventory.js';
export type {
  SbomGraph,
  SbomOptions,
  SbomPackage,
  SbomRoot,
  SbomService,
} from './sbom-graph.js';
export { toSpdx, type SpdxDocument, type SpdxRelationship } from './spdx.js';
