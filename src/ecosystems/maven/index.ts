import type { Ecosystem, ExtractionRequest, Extractor } from '../types.js';
import {
  dependencyTreeGraph,
  isDependencyTreeFile,
} from './dependency-tree.js';
import { extractReactor } from './extract-reactor.js';

/**
 * Every pom.xml matches; a module POM whose aggregator (a pom.xml above it
 * listing it in `<modules>`) is readable returns an empty graph that
 * consumes it, since the aggregator's graph holds it. A POM beside a saved
 * dependency tree defers to that tree (see readme.md).
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
  extract: (request: ExtractionRequest) =>
    Promise.resolve(
      dependencyTreeGraph(request.text, request.path, request.repository.paths),
    ),
};

export const maven = {
  name: 'Maven',
  extractors: [mavenPom, mavenDependencyTree],
} satisfies Ecosystem;
