/**
 * Builds effective models the way Maven's model builder does, for reactor
 * POMs (read from the repository being scanned) and for dependency POMs
 * (read through the repository client).
 *
 * Lifecycle: one ModelBuilder per extraction. It memoises parsed POMs, the
 * inherited (raw) models of parents and the effective models by
 * coordinates, so a parent shared by 200 modules is built once. Public
 * builds run one after another: a memoised build that waited on another
 * one (BOMs importing each other) could otherwise never finish. Fetching
 * POM texts concurrently beforehand (the client) is safe and fast.
 */
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import type { RepositoryFiles } from '../types.js';
import { inherit, type InheritedPom, withProfiles } from './inheritance.js';
import { type Pom, type PomParent, parsePom } from './pom.js';
import type { MavenRepositoryClient } from './repository-client.js';
import {
  applyManagement,
  interpolateModel,
  type EffectiveDependency,
  type EffectiveModel,
  type ModelProblem,
} from './model-interpolation.js';

export type {
  EffectiveModel,
  EffectiveDependency,
  ModelProblem,
} from './model-interpolation.js';

export interface ModelBuilderOptions {
  client: MavenRepositoryClient;
  /** The repository being scanned, for reactor POMs and relativePath parents. */
  repository?: RepositoryFiles;
  /** `-D` properties (from `.mvn/maven.config`), applied to every model. */
  userProperties?: ReadonlyMap<string, string>;
}

function coordinateKey(g: string, a: string, v: string): string {
  return `${g}:${a}:${v}`;
}

function selfKey(pom: Pom): string {
  return coordinateKey(
    pom.groupId ?? pom.parent?.groupId ?? '',
    pom.artifactId ?? '',
    pom.version ?? pom.parent?.version ?? '',
  );
}

/** Where a parent POM would be on disk, relative to the repository root. */
function parentLocation(file: string, parent: PomParent): string | undefined {
  const relative = parent.relativePath ?? '../pom.xml';
  if (relative === '') return undefined;
  let target = path.posix.normalize(
    path.posix.join(path.posix.dirname(file), relative),
  );
  if (!target.endsWith('.xml')) target = path.posix.join(target, 'pom.xml');
  return target.startsWith('..') || path.posix.isAbsolute(target)
    ? undefined
    : target;
}

export class ModelBuilder {
  private readonly files = new Map<string, Promise<Pom | undefined>>();
  private readonly artifacts = new Map<string, Promise<Pom | undefined>>();
  private readonly inherited = new Map<string, Promise<InheritedPom>>();
  private readonly effective = new Map<
    string,
    Promise<EffectiveModel | undefined>
  >();
  private queue: Promise<unknown> = Promise.resolve();
  /** Reactor modules by coordinates, consulted before any repository. */
  private readonly reactor = new Map<string, string>();
  /** Versions of each reactor `groupId:artifactId`. */
  private readonly reactorVersions = new Map<string, Set<string>>();

  constructor(private readonly options: ModelBuilderOptions) {}

  /** Makes a reactor POM answer for its coordinates (Maven's reactor reader). */
  registerReactorModule(
    coordinates: { groupId: string; artifactId: string; version: string },
    file: string,
  ): void {
    const { groupId, artifactId, version } = coordinates;
    const key = coordinateKey(groupId, artifactId, version);
    if (!this.reactor.has(key)) this.reactor.set(key, file);
    const name = `${groupId}:${artifactId}`;
    const versions = this.reactorVersions.get(name) ?? new Set<string>();
    this.reactorVersions.set(name, versions.add(version));
  }

  /** True when the coordinates are those of a reactor module. */
  isReactorModule(g: string, a: string, v: string): boolean {
    return this.reactor.has(coordinateKey(g, a, v));
  }

  /**
   * Fetches an artifact's POM text ahead of its build, so a level of the
   * tree downloads concurrently; failures surface at the build. Reactor
   * modules are never requested: the reactor answers for them.
   */
  async prefetchPom(g: string, a: string, v: string): Promise<void> {
    if (this.isReactorModule(g, a, v)) return;
    await this.options.client.fetchPom(g, a, v).catch(() => undefined);
  }

  /**
   * The versions of an artifact, for ranges: the reactor's own when it is
   * a module (its metadata is never requested), else the repositories'.
   */
  listVersions(g: string, a: string): Promise<string[]> {
    const inReactor = this.reactorVersions.get(`${g}:${a}`);
    if (inReactor) return Promise.resolve([...inReactor]);
    return this.options.client.listVersions(g, a);
  }

  /** Parses a repository file once; undefined when it does not exist. */
  readReactorPom(file: string): Promise<Pom | undefined> {
    let pending = this.files.get(file);
    if (!pending) {
      pending = (async () => {
        const text = await this.options.repository?.readText(file);
        return text === undefined ? undefined : parsePom(text, file);
      })();
      this.files.set(file, pending);
    }
    return pending;
  }

  private readArtifactPom(
    g: string,
    a: string,
    v: string,
  ): Promise<Pom | undefined> {
    const key = coordinateKey(g, a, v);
    let pending = this.artifacts.get(key);
    if (!pending) {
      pending = (async () => {
        const inReactor = this.reactor.get(key);
        if (inReactor) return this.readReactorPom(inReactor);
        const text = await this.options.client.fetchPom(g, a, v);
        return text === undefined ? undefined : parsePom(text, `${key}.pom`);
      })();
      this.artifacts.set(key, pending);
    }
    return pending;
  }

  /** The parent POM: by relativePath when its coordinates match, else by coordinates. */
  private async readParent(child: Pom, parent: PomParent): Promise<Pom> {
    const location = child.file.endsWith('.pom')
      ? undefined
      : parentLocation(child.file, parent);
    if (location) {
      const onDisk = await this.readReactorPom(location).catch(() => undefined);
      const group = onDisk?.groupId ?? onDisk?.parent?.groupId;
      const version = onDisk?.version ?? onDisk?.parent?.version;
      if (
        onDisk &&
        group === parent.groupId &&
        onDisk.artifactId === parent.artifactId &&
        version === parent.version
      ) {
        return onDisk;
      }
    }
    const fetched = await this.readArtifactPom(
      parent.groupId,
      parent.artifactId,
      parent.version,
    );
    if (!fetched) {
      throw new InputError(
        'ERR_POM_PARENT_MISSING',
        `${child.file} names the parent ${coordinateKey(parent.groupId, parent.artifactId, parent.version)}, ` +
          'which is neither at its relativePath nor in any configured Maven repository; ' +
          'install it (mvn install) or add the repository that holds it',
        { file: child.file },
      );
    }
    return fetched;
  }

  /** The POM and its ancestors, nearest first; throws on cycles and missing parents. */
  private async lineage(pom: Pom): Promise<Pom[]> {
    const poms = [pom];
    const keys = [selfKey(pom)];
    let current = pom;
    while (current.parent) {
      const { groupId, artifactId, version } = current.parent;
      const key = coordinateKey(groupId, artifactId, version);
      if (keys.includes(key)) {
        throw new InputError(
          'ERR_POM_PARENT_CYCLE',
          `${pom.file} has a parent cycle: ${[...keys, key].join(' -> ')}; ` +
            'a POM cannot be its own ancestor; fix the <parent> elements',
          { file: pom.file },
        );
      }
      keys.push(key);
      current = await this.readParent(current, current.parent);
      poms.push(current);
    }
    return poms;
  }

  /**
   * The inherited model of lineage[index]. Ancestors are memoised by file;
   * the lineage is already checked, so no memoised build waits on itself.
   */
  private inheritedAt(lineage: Pom[], index: number): Promise<InheritedPom> {
    const pom = lineage[index] as Pom;
    if (index === lineage.length - 1) return Promise.resolve(withProfiles(pom));
    const build = async (): Promise<InheritedPom> =>
      inherit(withProfiles(pom), await this.inheritedAt(lineage, index + 1));
    if (index === 0) return build();
    let pending = this.inherited.get(pom.file);
    if (!pending) {
      pending = build();
      this.inherited.set(pom.file, pending);
    }
    return pending;
  }

  /** Runs public builds one at a time (see the class comment). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** The effective model of a POM already parsed. */
  buildFromPom(pom: Pom, reactorFile?: string): Promise<EffectiveModel> {
    return this.serial(() => this.buildPom(pom, reactorFile, []));
  }

  private async buildPom(
    pom: Pom,
    reactorFile: string | undefined,
    chain: string[],
  ): Promise<EffectiveModel> {
    const raw = await this.inheritedAt(await this.lineage(pom), 0);
    const problems: ModelProblem[] = [];
    const model = interpolateModel(raw, {
      userProperties: this.options.userProperties,
      basedir: reactorFile ? path.posix.dirname(reactorFile) : undefined,
      problems,
    });
    model.file = reactorFile;
    await this.importBoms(model, [...chain, selfKey(pom)], problems);
    applyManagement(model, problems);
    return model;
  }

  /** The effective model of a reactor POM; throws InputError when unreadable. */
  buildFromFile(file: string): Promise<EffectiveModel> {
    return this.serial(() => this.buildFile(file, []));
  }

  private async buildFile(
    file: string,
    chain: string[],
  ): Promise<EffectiveModel> {
    const pom = await this.readReactorPom(file);
    if (!pom) {
      throw new InputError(
        'ERR_POM_NOT_FOUND',
        `${file} does not exist; check the <modules> entry that names it`,
        { file },
      );
    }
    return this.buildPom(pom, file, chain);
  }

  /**
   * The effective model of an artifact, undefined when its POM is in no
   * repository. Throws InputError when the POM or its parents are broken.
   */
  buildFromCoordinates(
    g: string,
    a: string,
    v: string,
  ): Promise<EffectiveModel | undefined> {
    return this.serial(() => this.buildArtifact(g, a, v, []));
  }

  private buildArtifact(
    g: string,
    a: string,
    v: string,
    chain: string[],
  ): Promise<EffectiveModel | undefined> {
    const key = coordinateKey(g, a, v);
    let pending = this.effective.get(key);
    if (!pending) {
      pending = (async () => {
        const inReactor = this.reactor.get(key);
        if (inReactor) return this.buildFile(inReactor, chain);
        const pom = await this.readArtifactPom(g, a, v);
        return pom ? this.buildPom(pom, undefined, chain) : undefined;
      })();
      this.effective.set(key, pending);
    }
    return pending;
  }

  /** Replaces `import`-scoped POM entries by their managed dependencies, first declaration winning. */
  private async importBoms(
    model: EffectiveModel,
    chain: string[],
    problems: ModelProblem[],
  ): Promise<void> {
    const managed = new Map(model.dependencyManagement);
    const imports = [...managed.entries()].filter(
      ([, d]) => d.scope === 'import' && d.type === 'pom',
    );
    if (imports.length === 0) return;
    for (const [key] of imports) managed.delete(key);
    for (const [, bom] of imports) {
      const bomKey = coordinateKey(
        bom.groupId,
        bom.artifactId,
        bom.version ?? '',
      );
      if (chain.includes(bomKey)) {
        problems.push({
          code: 'MAVEN_BOM_CYCLE',
          message: `BOM import cycle: ${[...chain, bomKey].join(' -> ')}; the repeated import is skipped`,
        });
        continue;
      }
      const imported = await this.importedModel(bom, chain, problems);
      for (const [k, d] of imported?.dependencyManagement ?? []) {
        if (!managed.has(k)) managed.set(k, d);
      }
    }
    model.dependencyManagement = managed;
  }

  private async importedModel(
    { groupId, artifactId, version }: EffectiveDependency,
    chain: string[],
    problems: ModelProblem[],
  ): Promise<EffectiveModel | undefined> {
    const name = coordinateKey(groupId, artifactId, version ?? '?');
    try {
      const bom = version
        ? await this.buildArtifact(groupId, artifactId, version, chain)
        : undefined;
      if (!bom) {
        problems.push({
          code: 'MAVEN_BOM_MISSING',
          message: `imported BOM ${name} was not found; its managed versions are not applied`,
        });
      }
      // Gaps deeper in the import chain shrink this model's management too.
      for (const p of bom?.problems ?? []) {
        if (p.code.startsWith('MAVEN_BOM_')) problems.push(p);
      }
      return bom;
    } catch (error) {
      problems.push({
        code: 'MAVEN_BOM_UNREADABLE',
        message: `imported BOM ${name} could not be read (${(error as Error).message}); its managed versions are not applied`,
      });
      return undefined;
    }
  }
}
