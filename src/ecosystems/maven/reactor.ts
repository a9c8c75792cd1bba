/**
 * A Maven reactor: the root POM and every module it lists (recursively,
 * with active-by-default profiles), each built and resolved. A module
 * that cannot be built becomes a problem of its own; the rest go on.
 */
import path from 'node:path';
import { QuartermasterError, UpstreamError } from '../../core/errors.js';
import type { RepositoryFiles } from '../types.js';
import { type EffectiveModel, ModelBuilder } from './effective-model.js';
import { parseMavenConfig } from './interpolate.js';
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

/** Builds every module's effective model (breadth first from the root). */
async function buildModels(
  builder: ModelBuilder,
  rootFile: string,
  reactor: Reactor,
): Promise<{ file: string; model: EffectiveModel }[]> {
  const built: { file: string; model: EffectiveModel }[] = [];
  const queue = [rootFile];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift() as string;
    reactor.files.push(file);
    let model: EffectiveModel;
    try {
      model = await builder.buildFromFile(file);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      reactor.failures.push(failureOf(file, error));
      continue;
    }
    built.push({ file, model });
    builder.registerReactorModule(model);
    for (const module of model.modules) {
      const next = moduleFile(file, module);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return built;
}

/** Reads and resolves a whole reactor from its root POM. */
export async function resolveReactor(
  options: ResolveReactorOptions,
): Promise<Reactor> {
  const builder = new ModelBuilder({
    client: options.client,
    repository: options.repository,
    userProperties: await userProperties(options.repository, options.rootFile),
  });
  const reactor: Reactor = { modules: [], failures: [], files: [] };
  const models = await buildModels(builder, options.rootFile, reactor);
  for (const { file, model } of models) {
    const resolution = await resolveDependencies(model, {
      builder,
      client: options.client,
    });
    reactor.modules.push({ file, model, resolution });
  }
  return reactor;
}
