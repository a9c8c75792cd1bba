/** The `maven-pom` extractor: from a matched pom.xml to a reactor graph. */
import path from 'node:path';
import { emptyGraph, type DependencyGraph } from '../../core/model.js';
import { moduleLogger } from '../../core/log.js';
import type { ExtractionRequest, RepositoryFiles } from '../types.js';
import {
  dependencyTreeGraph,
  isDependencyTreeFile,
} from './dependency-tree.js';
import { reactorGraph } from './graph.js';
import { parsePom } from './pom.js';
import { moduleFile, resolveReactor } from './reactor.js';
import { createMavenRepositoryClient } from './create-repository-client.js';
import type { MavenRepositoryClient } from './repository-client.js';

const log = moduleLogger('ecosystems.maven');

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** True when a readable pom.xml above `file` lists it as a module. */
async function hasAggregator(
  file: string,
  repository: RepositoryFiles,
): Promise<boolean> {
  const available = new Set(repository.paths);
  for (let dir = dirOf(file); dir !== '';) {
    dir = dirOf(dir);
    const candidate = dir === '' ? 'pom.xml' : `${dir}/pom.xml`;
    if (!available.has(candidate)) continue;
    try {
      const text = await repository.readText(candidate);
      const pom = text === undefined ? undefined : parsePom(text, candidate);
      const modules = [
        ...(pom?.modules ?? []),
        ...(pom?.profiles.flatMap((p) => p.modules) ?? []),
      ];
      if (modules.some((m) => moduleFile(candidate, m) === file)) return true;
    } catch (error) {
      log.debug(
        { err: error, file: candidate },
        'aggregator candidate unreadable',
      );
    }
  }
  return false;
}

function consumed(file: string): DependencyGraph {
  return { ...emptyGraph(), files: [file] };
}

// Lifecycle: one repository client lives as long as the Maven settings of
// the requests stay the same, so its memo of POMs spans every extraction of
// a scan; new settings replace it (and free the memo). Its "missing"
// answers expire after an hour, so a long-lived process asks again.
let sharedClient: Promise<MavenRepositoryClient> | undefined;
let sharedSettings: string | undefined;

/** One client per settings, so its memo spans every extraction of a scan. */
function clientFor(request: ExtractionRequest): Promise<MavenRepositoryClient> {
  const settings = JSON.stringify(request.settings?.maven ?? {});
  if (!sharedClient || settings !== sharedSettings) {
    sharedSettings = settings;
    sharedClient = createMavenRepositoryClient(request.settings?.maven);
  }
  return sharedClient;
}

function hasSavedTree(file: string, repository: RepositoryFiles): boolean {
  const dir = dirOf(file);
  return repository.paths.some(
    (p) => dirOf(p) === dir && isDependencyTreeFile(p),
  );
}

/**
 * Extracts the reactor whose root is the matched pom.xml; saved trees
 * beside its POMs give the graphs of the modules they cover.
 */
export async function extractReactor(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, repository } = request;
  if (await hasAggregator(file, repository)) return consumed(file);
  // Parse first so an unreadable root POM throws InputError for this file,
  // unless a saved tree beside it stands in for it.
  if (!hasSavedTree(file, repository)) parsePom(request.text, file);
  const reactor = await resolveReactor({
    rootFile: file,
    repository,
    client: await clientFor(request),
  });
  return reactorGraph(reactor);
}

/**
 * The `maven-dependency-tree` extractor: a tree with no pom.xml beside it
 * is read alone; otherwise the reactor of that POM is extracted (whichever
 * of the two files comes first consumes the other).
 */
export async function extractDependencyTree(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, repository } = request;
  const dir = dirOf(file);
  const pom = dir === '' ? 'pom.xml' : `${dir}/pom.xml`;
  const text = repository.paths.includes(pom)
    ? await repository.readText(pom)
    : undefined;
  if (text === undefined) return dependencyTreeGraph(request.text, file);
  const graph = await extractReactor({ ...request, path: pom, text });
  return { ...graph, files: [...new Set([file, ...graph.files])] };
}
