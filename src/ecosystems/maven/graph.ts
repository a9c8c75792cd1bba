/** Turns a resolved reactor into the shared DependencyGraph model. */
import path from 'node:path';
import type {
  DependencyGraph,
  ExtractionWarning,
  GraphPackage,
  Scope,
} from '../../core/model.js';
import { buildPurl } from '../../core/purl.js';
import type { ModuleProfile, Reactor, ReactorModule } from './reactor.js';
import type { ResolvedNode } from './resolver.js';

const SCOPES: Record<string, Scope> = {
  compile: 'prod',
  runtime: 'runtime',
  provided: 'provided',
  test: 'test',
  system: 'system',
};

/** Wider scopes first: a package used in several ways keeps the widest. */
const RANK: Scope[] = [
  'prod',
  'runtime',
  'optional',
  'provided',
  'system',
  'test',
];

/** The model scope of a Maven node (optional compile/runtime → optional). */
export function modelScope(
  node: Pick<ResolvedNode, 'scope' | 'optional'>,
): Scope {
  const scope = SCOPES[node.scope] ?? 'prod';
  return node.optional && (scope === 'prod' || scope === 'runtime')
    ? 'optional'
    : scope;
}

/** `group:artifact[:type][:classifier]@version`, unique per artifact. */
export function packageKey(
  node: Pick<
    ResolvedNode,
    'groupId' | 'artifactId' | 'type' | 'classifier' | 'version'
  >,
): string {
  const type =
    node.type === 'jar' || node.type === 'bundle' ? '' : `:${node.type}`;
  const classifier = node.classifier ? `:${node.classifier}` : '';
  return `${node.groupId}:${node.artifactId}${type}${classifier}@${node.version}`;
}

/** The root key of a module: its POM and its coordinates. */
export function rootKey(module: ReactorModule): string {
  return `maven-module:${module.file}:${module.model.groupId}:${module.model.artifactId}`;
}

function moduleDir(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

interface Builder {
  graph: DependencyGraph;
  packages: Map<string, GraphPackage>;
  edges: Set<string>;
  modules: Map<string, string>;
  files: Set<string>;
}

function addEdge(b: Builder, from: string, to: string, scope: Scope): void {
  const id = `${from}\u0000${to}\u0000${scope}`;
  if (b.edges.has(id)) return;
  b.edges.add(id);
  b.graph.edges.push({ from, to, scope });
}

function addNode(
  b: Builder,
  module: ReactorModule,
  node: ResolvedNode,
  from: string,
): void {
  const scope = modelScope(node);
  const moduleRoot = b.modules.get(
    `${node.groupId}:${node.artifactId}:${node.version}`,
  );
  if (moduleRoot) {
    // Another module of the reactor: link the roots; its own closure hangs there.
    addEdge(b, from, moduleRoot, scope);
    return;
  }
  const key = packageKey(node);
  const existing = b.packages.get(key);
  const declaredHere = node.file !== undefined && b.files.has(node.file);
  if (!existing) {
    const name = `${node.groupId}:${node.artifactId}`;
    const pkg: GraphPackage = {
      key,
      ecosystem: 'Maven',
      name,
      version: node.version,
      declared: node.declared !== node.version ? node.declared : undefined,
      purl: buildPurl('Maven', name, node.version),
      source: 'registry',
      scope,
      direct: node.depth === 1,
      // Declared in this repository (module or parent POM), else the module.
      file: declaredHere ? (node.file as string) : module.file,
      line: declaredHere ? node.line : undefined,
    };
    b.packages.set(key, pkg);
    b.graph.packages.push(pkg);
  } else {
    existing.direct ||= node.depth === 1;
    if (RANK.indexOf(scope) < RANK.indexOf(existing.scope))
      existing.scope = scope;
  }
  addEdge(b, from, key, scope);
  for (const child of node.children) addNode(b, module, child, key);
}

function moduleWarnings(module: ReactorModule): ExtractionWarning[] {
  const out: ExtractionWarning[] = [];
  for (const p of [...module.model.problems, ...module.resolution.problems]) {
    out.push({ file: module.file, code: p.code, message: p.message });
  }
  const seen = new Set<string>();
  for (const m of module.resolution.mediations) {
    const id = `${m.groupId}:${m.artifactId}:${m.requested}:${m.chosen}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      file: module.file,
      code: 'MAVEN_VERSION_MEDIATED',
      message: `${m.groupId}:${m.artifactId} ${m.requested} requested by ${m.path.join(' > ')} was mediated to ${m.chosen} (nearest wins)`,
    });
  }
  return out;
}

/**
 * Says why a module that Maven's default build skips is in the graph, and
 * when it failed, why it has no dependencies (`failure` is that code).
 */
function outsideWarning(
  file: string,
  profiles: ModuleProfile[],
  failure?: string,
): ExtractionWarning {
  const named = profiles.map(
    (p) => `${p.ids.map((id) => `"${id}"`).join(' or ')} of ${p.file}`,
  );
  const ids = profiles.map((p) => p.ids[0] as string).join(',');
  const outcome = failure
    ? `it could not be read either, so none of its dependencies are listed (see its ${failure} warning)`
    : `its dependencies are resolved as a module of this reactor (Maven builds it with -P${ids})`;
  return {
    file,
    code: 'MAVEN_MODULE_OUTSIDE_DEFAULT_REACTOR',
    message: `${file} is outside the default reactor: only profiles that a scan does not activate bring it in (${named.join(', then ')}); ${outcome}`,
  };
}

/** One warning per code and message: modules sharing a parent repeat them. */
function dedupe(warnings: ExtractionWarning[]): ExtractionWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const id = `${w.code}\u0000${w.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The graph of a reactor: one root per module, every module's closure. */
export function reactorGraph(reactor: Reactor): DependencyGraph {
  const b: Builder = {
    graph: {
      roots: [],
      packages: [],
      edges: [],
      files: [...reactor.files],
      warnings: [],
    },
    packages: new Map(),
    edges: new Set(),
    files: new Set(reactor.files),
    modules: new Map(
      reactor.modules.map((m) => [
        `${m.model.groupId}:${m.model.artifactId}:${m.model.version}`,
        rootKey(m),
      ]),
    ),
  };
  for (const module of reactor.modules) {
    b.graph.roots.push({
      key: rootKey(module),
      name: module.model.artifactId || moduleDir(module.file),
      path: moduleDir(module.file),
      ecosystem: 'Maven',
      file: module.file,
    });
  }
  for (const module of reactor.modules) {
    for (const child of module.resolution.root.children)
      addNode(b, module, child, rootKey(module));
    if (module.profiles)
      b.graph.warnings.push(outsideWarning(module.file, module.profiles));
    b.graph.warnings.push(...moduleWarnings(module));
  }
  for (const f of reactor.failures) {
    if (f.profiles)
      b.graph.warnings.push(outsideWarning(f.file, f.profiles, f.code));
    b.graph.warnings.push({
      file: f.file,
      line: f.line,
      code: f.code,
      message: f.message,
    });
  }
  b.graph.warnings = dedupe(b.graph.warnings);
  return b.graph;
}
