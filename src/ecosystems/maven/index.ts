import type { Ecosystem, ExtractionRequest, Extractor } from '../types.js';
import { isDependencyTreeFile } from './dependency-tree.js';
import { extractDependencyTree, extractReactor } from './extract-reactor.js';

/**
 * Every pom.xml matches; a module POM whose aggregator (a pom.xml above it
 * listing it in `<modules>`) is readable returns an empty graph that
 * consumes it, since the aggregator's graph holds it. Saved dependency
 * trees beside a reactor's POMs give the modules they cover (readme.md).
 */
const mavenPom: Extractor = {
  id: 'maven-pom',
  ecosystem: 'Maven',
  kind: 'lockfile',
  matches: (path) => path === 'pom.xml' || path.endsWith('/pom.xml'),
  extract: (request: ExtractionRequest) => extractReactor(request),
};

const mavenDependencyTree: Extractor = {
  id: 'maven-dependency-tree',
  ecosystem: 'Maven',
  kind: 'lockfile',
  matches: isDependencyTreeFile,
  extract: (request: ExtractionRequest) => extractDependencyTree(request),
};

export const maven = {
  name: 'Maven',
  extractors: [mavenPom, mavenDependencyTree],
} satisfies Ecosystem;
