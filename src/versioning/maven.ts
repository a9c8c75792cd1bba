import { compareMavenVersions } from '../ecosystems/maven/versioning.js';
import type { Versioning } from './types.js';

const PLAIN = /^[^\s,[\]()]+$/;

/**
 * Maven: ComparableVersion order, owned by the Maven ecosystem. Maven
 * accepts any string as a version; a range or blank is not one.
 */
export const mavenVersioning: Versioning = {
  ecosystem: 'Maven',
  isValid: (version) => PLAIN.test(version),
  compare: compareMavenVersions,
};
