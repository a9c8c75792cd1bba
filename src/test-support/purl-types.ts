/**
 * The purl types of the eight ecosystems, listed by hand rather than taken
 * from core/purl.ts, so that tests counting an SBOM's packages take an
 * independent route.
 */
export const KNOWN_PURL_TYPES: readonly string[] = [
  'npm',
  'maven',
  'pypi',
  'golang',
  'cargo',
  'gem',
  'nuget',
  'composer',
];
