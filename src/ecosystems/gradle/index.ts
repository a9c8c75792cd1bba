import { refusingEmpty } from '../empty-lockfile.js';
import type { Ecosystem, Extractor } from '../types.js';
import { extractBuildScript, isBuildScript } from './build-gradle.js';
import {
  extractDependenciesOutput,
  isDependenciesOutput,
} from './dependencies-output.js';
import { extractGradleLockfile, isGradleLockfile } from './gradle-lockfile.js';
import {
  extractVersionCatalog,
  isVersionCatalog,
} from './libs-versions-toml.js';
import {
  extractVerificationMetadata,
  isVerificationMetadata,
} from './verification-metadata.js';

const extractors: Extractor[] = [
  {
    id: 'gradle-lockfile',
    ecosystem: 'Maven',
    kind: 'lockfile',
    matches: isGradleLockfile,
    // Gradle writes its header comments even for a configuration without
    // dependencies, so an empty lockfile is a broken one.
    extract: refusingEmpty(
      extractGradleLockfile,
      'regenerate it with gradle dependencies --write-locks',
    ),
  },
  {
    id: 'gradle-verification-metadata',
    ecosystem: 'Maven',
    kind: 'lockfile',
    matches: isVerificationMetadata,
    extract: extractVerificationMetadata,
  },
  {
    id: 'gradle-dependencies-output',
    ecosystem: 'Maven',
    kind: 'lockfile',
    matches: isDependenciesOutput,
    // Gradle prints every configuration, so an empty save is a failed one.
    extract: refusingEmpty(
      extractDependenciesOutput,
      'save the output of gradle dependencies again',
    ),
  },
  {
    id: 'gradle-build-script',
    ecosystem: 'Maven',
    kind: 'manifest',
    matches: isBuildScript,
    extract: extractBuildScript,
  },
  {
    id: 'gradle-version-catalog',
    ecosystem: 'Maven',
    kind: 'manifest',
    matches: isVersionCatalog,
    extract: extractVersionCatalog,
  },
];

export const gradle = {
  name: 'Maven',
  extractors,
} satisfies Ecosystem;
