// The advisory area's application functions and contracts, for the CLI and HTTP faces.
export {
  blastRadius,
  type BlastRadius,
  type BlastRadiusService,
} from '../store/advisories/blast-radius.js';
export {
  listFindings,
  type FindingFilters,
  type FindingView,
} from '../store/advisories/list-findings.js';
export { readEpssScores, type EpssScore } from './enrichment/epss.js';
export {
  readKevCatalog,
  type KevCatalog,
  type KevEntry,
} from './enrichment/kev.js';
export { exploitationOf, type Enrichment } from './enrichment/types.js';
export {
  importEnrichment,
  type EnrichmentSource,
  type ImportEnrichmentResult,
} from './import-enrichment.js';
export {
  importAdvisories,
  type AdvisorySource,
  type ImportAdvisoriesOptions,
  type ImportAdvisoriesResult,
} from './import-advisories.js';
export { fixedVersionsFor, isAffected } from './matching/affected.js';
export {
  matchAll,
  matchSnapshot,
  matchSnapshots,
  matchVulnerabilities,
  type MatchOptions,
  type MatchScope,
  type MatchSummary,
} from './matching/match-all.js';
export {
  matchVulnerability,
  type PackageMatch,
  type PackageVersion,
} from './matching/match-vulnerability.js';
export { packageKey } from './matching/package-key.js';
export { mergeRecords } from './merge.js';
export type * from './model.js';
export {
  prioritize,
  type Priority,
  type PriorityInput,
  type PriorityResult,
} from './priority.js';
export {
  assessSeverity,
  type SeverityAssessment,
  type SeverityLevel,
} from './severity/assess.js';
export { scoreCvss, type CvssScore } from './severity/cvss.js';
export { osvFeed } from './sources/osv/index.js';
export type {
  AdvisoryBatch,
  AdvisoryFeed,
  FeedLimits,
  FeedStreamOptions,
} from './sources/types.js';
