/**
 * Maven's dependency collection and mediation for one module: breadth
 * first, nearest wins, first declaration wins at equal depth, the root's
 * dependencyManagement overrides versions, scopes and exclusions below
 * depth 1, test/provided/optional dependencies of dependencies are left
 * out, exclusions accumulate down each path, and the scope of a winner is
 * widened over every path that reached it (Aether's JavaScopeSelector).
 */
import { UpstreamError } from '../../core/errors.js';
import type {
  EffectiveDependency,
  EffectiveModel,
  ModelBuilder,
  ModelProblem,
} from './effective-model.js';
import { managementKey } from './inheritance.js';
import { deriveScope, isTransitiveScope, widestScope } from './scopes.js';
import { resolveVersion } from './version-choice.js';
import { appendAll } from '../../core/arrays.js';

/** One node of the resolved tree, as Maven's dependency tree shows it. */
export interface ResolvedNode {
  groupId: string;
  artifactId: string;
  version: string;
  type: string;
  classifier?: string;
  /** Maven scope after mediation: compile, runtime, provided, test, system. */
  scope: string;
  optional: boolean;
  depth: number;
  /** The version spec as declared (before management and ranges). */
  declared: string;
  /** Set when the root's dependencyManagement replaced the version or scope. */
  premanagedVersion?: string;
  premanagedScope?: string;
  /** Where a direct dependency is declared (module or parent POM). */
  file?: string;
  line?: number;
  children: ResolvedNode[];
}

/** A version conflict mediated away. */
export interface Mediation {
  groupId: string;
  artifactId: string;
  requested: string;
  chosen: string;
  /** `group:artifact:version` from the module down to the requester. */
  path: string[];
}

export interface ResolutionResult {
  /** The module itself at depth 0 (scope compile). */
  root: ResolvedNode;
  mediations: Mediation[];
  problems: ModelProblem[];
}

export interface ResolveOptions {
  /**
   * Every POM and version list comes through the builder, which answers
   * for reactor modules itself and asks the repositories only for the rest.
   */
  builder: ModelBuilder;
}

interface Item {
  parent: ResolvedNode;
  depth: number;
  scope: string;
  version: string;
}

interface Candidate {
  dependency: EffectiveDependency;
  parent: ResolvedNode;
  depth: number;
  /** Exclusions of every declaration on the path, this one included. */
  exclusions: EffectiveDependency['exclusions'];
  premanagedVersion?: string;
  premanagedScope?: string;
}

interface State {
  winners: Map<string, { node: ResolvedNode; items: Item[] }>;
  order: ResolvedNode[];
  paths: Map<ResolvedNode, ResolvedNode | undefined>;
  exclusionsOf: Map<ResolvedNode, Candidate['exclusions']>;
  /** Scope derived along the winning path, before widening. */
  derived: Map<ResolvedNode, string>;
  mediations: Mediation[];
  problems: ModelProblem[];
}

function conflictKey(d: {
  groupId: string;
  artifactId: string;
  type?: string;
  classifier?: string;
}): string {
  return managementKey(d);
}

function isExcluded(
  d: EffectiveDependency,
  exclusions: Candidate['exclusions'],
): boolean {
  return exclusions.some(
    (e) =>
      (e.groupId === '*' || e.groupId === d.groupId) &&
      (e.artifactId === '*' || e.artifactId === d.artifactId),
  );
}

function pathOf(state: State, node: ResolvedNode | undefined): string[] {
  const out: string[] = [];
  for (let n = node; n; n = state.paths.get(n)) {
    out.unshift(`${n.groupId}:${n.artifactId}:${n.version}`);
  }
  return out;
}

/** Applies the root's management to a dependency found at depth 2 or more. */
function manage(root: EffectiveModel, candidate: Candidate): Candidate {
  const managed = root.dependencyManagement.get(
    managementKey(candidate.dependency),
  );
  if (!managed) return candidate;
  const d = candidate.dependency;
  const out: Candidate = { ...candidate, dependency: { ...d } };
  if (managed.version !== undefined) {
    out.premanagedVersion = d.version;
    out.dependency.version = managed.version;
  }
  if (managed.scope !== undefined && managed.scope !== 'import') {
    out.premanagedScope = d.scope ?? 'compile';
    out.dependency.scope = managed.scope;
  }
  if (managed.exclusions.length > 0) {
    out.dependency.exclusions = [...d.exclusions, ...managed.exclusions];
    out.exclusions = [...candidate.exclusions, ...managed.exclusions];
  }
  return out;
}

/** Decides one candidate: a new winner (returned) or one more item of an old one. */
async function decide(
  state: State,
  candidate: Candidate,
  builder: ModelBuilder,
): Promise<ResolvedNode | undefined> {
  const d = candidate.dependency;
  const key = conflictKey(d);
  const scope = d.scope ?? 'compile';
  const existing = state.winners.get(key);
  const declared = d.version ?? '';
  if (existing) {
    const version =
      existing.node.declared === declared ? existing.node.version : declared;
    existing.items.push({
      parent: candidate.parent,
      depth: candidate.depth,
      scope,
      version,
    });
    if (version !== existing.node.version && d.version !== undefined) {
      state.mediations.push({
        groupId: d.groupId,
        artifactId: d.artifactId,
        requested: declared,
        chosen: existing.node.version,
        path: pathOf(state, candidate.parent),
      });
    }
    return undefined;
  }
  const version = await resolveVersion(d, builder, state.problems);
  const node: ResolvedNode = {
    groupId: d.groupId,
    artifactId: d.artifactId,
    version,
    type: d.type,
    classifier: d.classifier,
    scope,
    optional: d.optional,
    depth: candidate.depth,
    declared,
    premanagedVersion: candidate.premanagedVersion,
    premanagedScope: candidate.premanagedScope,
    file: candidate.depth === 1 ? d.file : undefined,
    line: candidate.depth === 1 ? d.line : undefined,
    children: [],
  };
  candidate.parent.children.push(node);
  state.winners.set(key, {
    node,
    items: [
      { parent: candidate.parent, depth: candidate.depth, scope, version },
    ],
  });
  state.order.push(node);
  state.paths.set(
    node,
    candidate.parent.depth === 0 ? undefined : candidate.parent,
  );
  state.exclusionsOf.set(node, candidate.exclusions);
  const parentScope = state.derived.get(candidate.parent) ?? 'compile';
  state.derived.set(
    node,
    candidate.depth === 1 ? scope : deriveScope(parentScope, scope),
  );
  return node;
}

/** The dependencies of a winner that pass on to its dependents. */
async function expand(
  state: State,
  node: ResolvedNode,
  root: EffectiveModel,
  builder: ModelBuilder,
): Promise<Candidate[]> {
  let model: EffectiveModel | undefined;
  try {
    model = await builder.buildFromCoordinates(
      node.groupId,
      node.artifactId,
      node.version,
    );
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    state.problems.push({
      code: 'MAVEN_POM_UNREADABLE',
      message: `the POM of ${node.groupId}:${node.artifactId}:${node.version} could not be read (${(error as Error).message}); its dependencies are not listed`,
    });
    return [];
  }
  if (!model) {
    state.problems.push({
      code: 'MAVEN_POM_MISSING',
      message: `the POM of ${node.groupId}:${node.artifactId}:${node.version} is in no repository; its dependencies are not listed`,
    });
    return [];
  }
  const exclusions = state.exclusionsOf.get(node) ?? [];
  const out: Candidate[] = [];
  for (const dependency of model.dependencies) {
    if (!isTransitiveScope(dependency.scope) || dependency.optional) continue;
    if (isExcluded(dependency, exclusions) || dependency.version === undefined)
      continue;
    const candidate = manage(root, {
      dependency,
      parent: node,
      depth: node.depth + 1,
      exclusions: [...exclusions, ...dependency.exclusions],
    });
    out.push(candidate);
  }
  return out;
}

/** Final scopes, parents first: direct declarations win, else the widest derived scope. */
function selectScopes(state: State): void {
  const done = new Set<ResolvedNode>();
  // A parent met later in the order (a losing path through a deeper
  // winner) has no final scope yet: use the one derived along its path.
  const scopeOf = (parent: ResolvedNode): string =>
    done.has(parent) ? parent.scope : (state.derived.get(parent) ?? 'compile');
  for (const node of state.order) {
    const { items } = state.winners.get(conflictKey(node)) as { items: Item[] };
    const direct = items.find((i) => i.depth <= 1);
    if (direct) {
      node.scope = direct.scope;
    } else if (node.scope !== 'system') {
      const scopes = new Set(
        items.map((i) => deriveScope(scopeOf(i.parent), i.scope)),
      );
      node.scope = widestScope(scopes);
    }
    done.add(node);
  }
}

/** Resolves the dependency tree of one module (its effective model). */
export async function resolveDependencies(
  model: EffectiveModel,
  options: ResolveOptions,
): Promise<ResolutionResult> {
  const root: ResolvedNode = {
    groupId: model.groupId,
    artifactId: model.artifactId,
    version: model.version,
    type: model.packaging,
    scope: 'compile',
    optional: false,
    depth: 0,
    declared: model.version,
    children: [],
  };
  const state: State = {
    winners: new Map(),
    order: [],
    paths: new Map(),
    exclusionsOf: new Map(),
    derived: new Map(),
    mediations: [],
    problems: [],
  };
  let level: Candidate[] = model.dependencies
    .filter((d) => d.version !== undefined)
    .map((dependency) => ({
      dependency,
      parent: root,
      depth: 1,
      exclusions: dependency.exclusions,
    }));
  while (level.length > 0) {
    const winners: ResolvedNode[] = [];
    for (const candidate of level) {
      const node = await decide(state, candidate, options.builder);
      if (node) winners.push(node);
    }
    // Fetch the level's POMs concurrently; models are then built in order.
    await Promise.all(
      winners.map((n) =>
        options.builder.prefetchPom(n.groupId, n.artifactId, n.version),
      ),
    );
    const next: Candidate[] = [];
    for (const node of winners)
      appendAll(next, await expand(state, node, model, options.builder));
    level = next;
  }
  selectScopes(state);
  return { root, mediations: state.mediations, problems: state.problems };
}
