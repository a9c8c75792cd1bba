/** Maven version order and ranges, the entry point other areas import. */
export {
  compareMavenVersions,
  parseMavenVersion,
} from './comparable-version.js';
export {
  highestInRange,
  isMavenRange,
  parseMavenRange,
  satisfiesMavenRange,
  type MavenRange,
  type MavenRestriction,
} from './version-range.js';
