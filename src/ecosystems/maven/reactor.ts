/**
 * A Maven reactor: the root POM and every module it lists (recursively,
 * with active-by-default profiles), each built and resolved. Modules that
 * only other profiles list come after them, resolved as with those
 * profiles active and marked as outside the default reactor. A module
 * that a saved dependency tree beside the reactor's POMs covers takes its
 * graph from that tree instead. A module that cannot be built becomes a
 * problem of its own; the rest go on.
 */
import path from 'node:path';
import { QuartermasterError, UpstreamError } from '../../core/errors.js';
import type { RepositoryFiles } from '../types.js';
import { type EffectiveModel, ModelBuilder } from './effective-model.js';
import { interpolate, parseMavenConfig } from './interpolate.js';
import type { Pom } from './pom.js';
import type { MavenRepositoryClient } from './repository-client.js';
import { resolveDependencies, type ResolutionResult } from './resolver.js';
import { savedTreeModule } from './dependency-tree.js';
import {
  notInTreeProblem,
  readSavedTrees,
  savedTreeOf,
  type SavedTree,
  type SavedTrees,
} from './saved-trees.js';

/** Profiles of one POM whose `<modules>` bring a module into the reactor. */
export interface ModuleProfile {
  /** The POM declaring the profiles. */
  file: string;
  /** Every profile of that POM listing the module, in declaration order. */
  ids: string[];
}

export interface ReactorModule {
  /** Repository-relative pom.xml. */
  file: string;
  model: EffectiveModel;
  resolution: ResolutionResult;
  /**
   * Set when the module is outside the default reactor: the profiles (not
   * `activeByDefault`) listing it or its aggregators, outermost first.
   */
  profiles?: ModuleProfile[];
}

/** A module that could not be read; its code and message say why. */
export interface ReactorFailure {
  file: string;
  code: string;
  message: string;
  line?: number;
  /** As on ReactorModule: set when the module is outside the default reactor. */
  profiles?: ModuleProfile[];
}

export interface Reactor {
  modules: ReactorModule[];
  failures: ReactorFailure[];
  /** Every POM of the reactor that was found, read or not. */
  files: string[];
}

export interface ResolveReactorOptions {
  rootFile: string;
  repository: RepositoryFiles;
  client: MavenRepositoryClient;
}

/** The module POM a `<module>` entry names, relative to the repository. */
export function moduleFile(
  parentFile: string,
  module: string,
): string | undefined {
  const joined = path.posix.normalize(
    path.posix.join(path.posix.dirname(parentFile), module),
  );
  if (joined.startsWith('..') || path.posix.isAbsolute(joined))
    return undefined;
  return joined.endsWith('.xml') ? joined : path.posix.join(joined, 'pom.xml');
}

async function userProperties(
  repository: RepositoryFiles,
  rootFile: string,
): Promise<Map<string, string>> {
  const dir = path.posix.dirname(rootFile);
  const config = path.posix.join(dir === '.' ? '' : dir, '.mvn/maven.config');
  const text = await repository.readText(config).catch(() => undefined);
  return text === undefined ? new Map() : parseMavenConfig(text);
}

function failureOf(file: string, error: unknown): ReactorFailure {
  if (error instanceof QuartermasterError) {
    return {
      file: error.file ?? file,
      code: error.code,
      message: error.message,
      line: error.line,
    };
  }
  return {
    file,
    code: 'ERR_POM_UNREADABLE',
    message: (error as Error).message,
  };
}

/** A module POM found from the root, with the profiles that reached it. */
interface DiscoveredModule {
  file: string;
  profiles?: ModuleProfile[];
  /** As written in the POM (before inheritance); unset when unreadable. */
  coordinates?: { groupId: string; artifactId: string };
}

function moduleFiles(parentFile: string, modules: string[]): string[] {
  return modules.flatMap((m) => moduleFile(parentFile, m) ?? []);
}

/** What a POM lists: by default (and activeByDefault), or only in others. */
function listedModules(
  file: string,
  pom: Pom,
): { modules: string[]; inProfiles: Map<string, string[]> } {
  const active = pom.profiles.filter((p) => p.activeByDefault);
  const modules = [...pom.modules, ...active.flatMap((p) => p.modules)];
  const inProfiles = new Map<string, string[]>();
  for (const profile of pom.profiles.filter((p) => !p.activeByDefault)) {
    for (const next of moduleFiles(file, profile.modules))
      inProfiles.set(next, [...(inProfiles.get(next) ?? []), profile.id]);
  }
  return { modules: moduleFiles(file, modules), inProfiles };
}

/**
 * Every module POM of the reactor, breadth first from the root, each
 * registered under its coordinates before any model is built, so that
 * modules (a BOM of the reactor, say) resolve to their reactor POMs.
 * Modules that only inactive profiles list wait until the default
 * reactor is complete, so a module reachable both ways stays default.
 */
async function discoverModules(
  builder: ModelBuilder,
  rootFile: string,
  userProperties: ReadonlyMap<string, string>,
): Promise<DiscoveredModule[]> {
  const found: DiscoveredModule[] = [{ file: rootFile }];
  const seen = new Set([rootFile]);
  const add = (entry: DiscoveredModule) => {
    if (seen.has(entry.file)) return;
    seen.add(entry.file);
    found.push(entry);
  };
  const deferred: DiscoveredModule[] = [];
  let rootProperties: ReadonlyMap<string, string> = new Map();
  for (let i = 0; i < found.length; i++) {
    const entry = found[i] as DiscoveredModule;
    const { file, profiles } = entry;
    const pom = await builder.readReactorPom(file).catch(() => undefined);
    if (pom) {
      if (i === 0) rootProperties = pom.properties;
      const coordinates = rawCoordinates(pom, rootProperties, userProperties);
      if (coordinates) builder.registerReactorModule(coordinates, file);
      entry.coordinates = coordinates;
      const listed = listedModules(file, pom);
      for (const next of listed.modules) add({ file: next, profiles });
      for (const [next, ids] of listed.inProfiles) {
        const via = [...(profiles ?? []), { file, ids }];
        deferred.push({ file: next, profiles: via });
      }
    }
    if (i === found.length - 1) deferred.splice(0).forEach(add);
  }
  return found;
}

/** A module's coordinates before inheritance, enough to recognise it. */
function rawCoordinates(
  pom: Pom,
  rootProperties: ReadonlyMap<string, string>,
  userProperties: ReadonlyMap<string, string>,
): { groupId: string; artifactId: string; version: string } | undefined {
  const properties = new Map([...rootProperties, ...pom.properties]);
  const sources = {
    project: { parent: pom.parent },
    properties,
    userProperties,
  };
  const groupId = interpolate(
    pom.groupId ?? pom.parent?.groupId ?? '',
    sources,
  );
  const version = interpolate(
    pom.version ?? pom.parent?.version ?? '',
    sources,
  );
  if (!pom.artifactId || !groupId || !version) return undefined;
  return { groupId, artifactId: pom.artifactId, version };
}

/** A discovered module with its effective model, or its saved tree. */
type BuiltModule = DiscoveredModule &
  ({ model: EffectiveModel } | { saved: SavedTree });

/**
 * Builds every module's effective model, unless a saved tree covers it;
 * a failing module is recorded. Each model is registered under its
 * effective coordinates too, which differ from the raw ones when a
 * property of a parent below the root names the version or group.
 */
async function buildModels(
  builder: ModelBuilder,
  modules: DiscoveredModule[],
  reactor: Reactor,
  saved: SavedTrees,
): Promise<BuiltModule[]> {
  const built: BuiltModule[] = [];
  for (const [i, module] of modules.entries()) {
    const { file, profiles } = module;
    reactor.files.push(file);
    const tree = savedTreeOf(saved, module, i === 0);
    if (tree) {
      built.push({ ...module, saved: tree });
      continue;
    }
    try {
      const model = await builder.buildFromFile(file);
      builder.registerReactorModule(model, file);
      built.push({ ...module, model });
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      reactor.failures.push({ ...failureOf(file, error), profiles });
    }
  }
  return built;
}

/** Reads and resolves a whole reactor from its root POM. */
export async function resolveReactor(
  options: ResolveReactorOptions,
): Promise<Reactor> {
  const properties = await userProperties(options.repository, options.rootFile);
  const builder = new ModelBuilder({
    client: options.client,
    repository: options.repository,
    userProperties: properties,
  });
  const reactor: Reactor = { modules: [], failures: [], files: [] };
  const found = await discoverModules(builder, options.rootFile, properties);
  const saved = await readSavedTrees(
    options.repository,
    found.map((m) => m.file),
  );
  const hadTrees = saved.files.length > 0;
  const built = await buildModels(builder, found, reactor, saved);
  for (const module of built) {
    if ('saved' in module) {
      // The tree shows what Maven built, profiles included.
      reactor.modules.push(savedTreeModule(module.file, module.saved.root));
      continue;
    }
    const { file, profiles, model } = module;
    const resolution = await resolveDependencies(model, { builder });
    if (hadTrees && !profiles)
      resolution.problems.unshift(notInTreeProblem(file, model, saved.files));
    reactor.modules.push({ file, model, resolution, profiles });
  }
  // Trees naming no module of the reactor (a stale file) stay on their file.
  for (const { file, root } of saved.trees)
    reactor.modules.push(savedTreeModule(file, root));
  reactor.files.push(...saved.files);
  return reactor;
}
