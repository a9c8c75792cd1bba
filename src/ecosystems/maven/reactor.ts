/**
 * A Maven reactor: the root POM and every module it lists (recursively,
 * with active-by-default profiles), each built and resolved. A module
 * that cannot be built becomes a problem of its own; the rest go on.
 */
import path from 'node:path';
import { QuartermasterError, UpstreamError } from '../../core/errors.js';
import type { RepositoryFiles } from '../types.js';
import { type EffectiveModel, ModelBuilder } from './effective-model.js';
import { interpolate, parseMavenConfig } from './interpolate.js';
import type { Pom } from './pom.js';
import type { MavenRepositoryClient } from './repository-client.js';
import { resolveDependencies, type ResolutionResult } from './resolver.js';

export interface ReactorModule {
  /** Repository-relative pom.xml. */
  file: string;
  model: EffectiveModel;
  resolution: ResolutionResult;
}

/** A module that could not be read; its code and message say why. */
export interface ReactorFailure {
  file: string;
  code: string;
  message: string;
  line?: number;
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

/**
 * Every module POM of the reactor, breadth first from the root, each
 * registered under its coordinates before any model is built, so that
 * modules (a BOM of the reactor, say) resolve to their reactor POMs.
 */
async function discoverModules(
  builder: ModelBuilder,
  rootFile: string,
  userProperties: ReadonlyMap<string, string>,
): Promise<string[]> {
  const files = [rootFile];
  const seen = new Set(files);
  let rootProperties: ReadonlyMap<string, string> = new Map();
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const pom = await builder.readReactorPom(file).catch(() => undefined);
    if (!pom) continue;
    if (i === 0) rootProperties = pom.properties;
    const coordinates = rawCoordinates(pom, rootProperties, userProperties);
    if (coordinates) builder.registerReactorModule(coordinates, file);
    const active = pom.profiles.filter((p) => p.activeByDefault);
    for (const module of [
      ...pom.modules,
      ...active.flatMap((p) => p.modules),
    ]) {
      const next = moduleFile(file, module);
      if (next && !seen.has(next)) {
        seen.add(next);
        files.push(next);
      }
    }
  }
  return files;
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

/**
 * Builds every module's effective model; a failing module is recorded.
 * Each model is registered under its effective coordinates too, which
 * differ from the raw ones when a property of a parent below the root
 * names the version or group.
 */
async function buildModels(
  builder: ModelBuilder,
  files: string[],
  reactor: Reactor,
): Promise<{ file: string; model: EffectiveModel }[]> {
  const built: { file: string; model: EffectiveModel }[] = [];
  for (const file of files) {
    reactor.files.push(file);
    try {
      const model = await builder.buildFromFile(file);
      builder.registerReactorModule(model, file);
      built.push({ file, model });
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      reactor.failures.push(failureOf(file, error));
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
  const files = await discoverModules(builder, options.rootFile, properties);
  const models = await buildModels(builder, files, reactor);
  for (const { file, model } of models) {
    const resolution = await resolveDependencies(model, { builder });
    reactor.modules.push({ file, model, resolution });
  }
  return reactor;
}
