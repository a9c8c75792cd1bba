import { InputError } from '../../core/errors.js';
import { moduleLogger } from '../../core/log.js';
import { markerLines } from '../../core/marker-lines.js';
import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  GraphRoot,
  Scope,
} from '../../core/model.js';
import { buildPurl, normalizePackageName } from '../../core/purl.js';
import { assignScopes } from '../cargo/graph-scope.js';
import { objectOf, parseJsonFile, stringMap } from '../composer/json.js';
import { refusingEmpty } from '../empty-lockfile.js';
import { checkField, checkLockfileShape } from '../lockfile-shape.js';
import type {
  ExtractionRequest,
  Extractor,
  RepositoryFiles,
} from '../types.js';
import { loadProject, PROJECT_FILE, projectFileIn } from './project-context.js';
import { dirOf, parseMsbuildFile } from './project-file.js';

const log = moduleLogger('ecosystems.nuget');

interface BuildContext {
  file: string;
  graph: DependencyGraph;
  mainKey: string;
  scope: Scope;
  repository: RepositoryFiles;
  /** Project names (lower case) to their project file, from ProjectReference. */
  projectPaths: Map<string, string>;
  lines: Map<string, number>;
  edgeIds: Set<string>;
  nodeKeys: Set<string>;
}

/**
 * The first line of each `"Name": {` at package depth (six spaces), found
 * with plain string search rather than a regex over the whole file.
 */
function entryLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { line, after } of markerLines(text, '\n      "')) {
    const end = text.indexOf('"', after);
    if (!text.startsWith('": {', end)) continue;
    const name = text.slice(after, end).toLowerCase();
    if (!out.has(name)) out.set(name, line);
  }
  return out;
}

function addEdge(context: BuildContext, edge: GraphEdge): void {
  const id = `${edge.from}\n${edge.to}`;
  if (context.edgeIds.has(id)) return;
  context.edgeIds.add(id);
  context.graph.edges.push(edge);
}

function projectRoot(context: BuildContext, name: string): string {
  const lower = name.toLowerCase();
  const path =
    context.projectPaths.get(lower) ??
    context.repository.paths.find(
      (p) =>
        PROJECT_FILE.test(p) &&
        p
          .toLowerCase()
          .replace(/^.*\//, '')
          .replace(/\.[^.]+$/, '') === lower,
    );
  const key = `root:${path ?? `project:${name}`}`;
  if (!context.nodeKeys.has(key)) {
    context.nodeKeys.add(key);
    const root: GraphRoot = {
      key,
      name,
      path: path ? dirOf(path) : dirOf(context.file),
      ecosystem: 'NuGet',
      file: path ?? context.file,
    };
    context.graph.roots.push(root);
  }
  return key;
}

/** Reads one target framework's entries into packages, roots and edges. */
function readFramework(
  context: BuildContext,
  entries: Record<string, unknown>,
) {
  const nodes = new Map<string, string>();
  for (const [name, value] of Object.entries(entries)) {
    const entry = objectOf(value);
    if (entry.type === 'Project') {
      nodes.set(name.toLowerCase(), projectRoot(context, name));
      continue;
    }
    const resolved =
      typeof entry.resolved === 'string' ? entry.resolved : undefined;
    if (!resolved) {
      context.graph.warnings.push({
        file: context.file,
        line: context.lines.get(name.toLowerCase()),
        code: 'ERR_NUGET_UNRESOLVED',
        message: `${name} has no resolved version; it is skipped`,
      });
      continue;
    }
    nodes.set(name.toLowerCase(), addPackage(context, name, resolved));
  }
  for (const [name, value] of Object.entries(entries)) {
    const entry = objectOf(value);
    const from = nodes.get(name.toLowerCase());
    if (!from) continue;
    if (entry.type === 'Direct')
      addEdge(context, {
        from: context.mainKey,
        to: from,
        scope: context.scope,
      });
    if (entry.type === 'Project')
      addEdge(context, {
        from: context.mainKey,
        to: from,
        scope: context.scope,
      });
    for (const child of Object.keys(stringMap(entry.dependencies))) {
      const to = nodes.get(child.toLowerCase());
      if (!to) continue;
      const edge: GraphEdge = { from, to };
      if (from.startsWith('root:')) edge.scope = context.scope;
      addEdge(context, edge);
    }
  }
}

function addPackage(
  context: BuildContext,
  name: string,
  version: string,
): string {
  const normalized = normalizePackageName('NuGet', name);
  const key = `${normalized}@${version}`;
  if (context.nodeKeys.has(key)) return key;
  context.nodeKeys.add(key);
  const pkg: GraphPackage = {
    key,
    ecosystem: 'NuGet',
    name: normalized,
    version,
    purl: buildPurl('NuGet', normalized, version),
    source: 'registry',
    scope: context.scope,
    direct: false,
    file: context.file,
    line: context.lines.get(normalized),
  };
  context.graph.packages.push(pkg);
  return key;
}

function isTestProject(properties: Record<string, string>, names: string[]) {
  return (
    properties.IsTestProject?.toLowerCase() === 'true' ||
    names.some((n) => n.toLowerCase() === 'microsoft.net.test.sdk')
  );
}

/** The project beside the lockfile, with the props files above it. */
async function readProject(request: ExtractionRequest) {
  const file = projectFileIn(request.repository, dirOf(request.path));
  const text = file && (await request.repository.readText(file));
  if (!file || text === undefined) return undefined;
  return loadProject(request.repository, parseMsbuildFile(text, file));
}

const FIX = 'regenerate it with `dotnet restore --force-evaluate`';

/** The parsed lockfile; its target frameworks must be objects of entries. */
function readLockfile(text: string, file: string): Record<string, unknown> {
  const json = checkLockfileShape(
    parseJsonFile(text, file, 'ERR_LOCKFILE_SYNTAX'),
    { file, fields: { dependencies: 'object' }, fix: FIX },
  );
  for (const [framework, entries] of Object.entries(
    objectOf(json.dependencies),
  )) {
    checkField(entries, ['dependencies', framework], {
      expected: 'object',
      shape: { file, fix: FIX },
    });
  }
  return json;
}

/** Reads packages.lock.json (v1, v2) with the project file beside it. */
export async function extractPackagesLock(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const file = request.path;
  const json = readLockfile(request.text, file);
  if (json.version !== 1 && json.version !== 2) {
    throw new InputError(
      'ERR_LOCKFILE_VERSION',
      `packages.lock.json has version ${String(json.version)}; supported: 1, 2; ` +
        'regenerate it with `dotnet restore --force-evaluate`',
      { file },
    );
  }
  const project = await readProject(request);
  const mainFile = project?.file ?? file;
  const main: GraphRoot = {
    key: `root:${mainFile}`,
    name: project?.name ?? (dirOf(file) || 'packages.lock.json'),
    path: dirOf(file),
    ecosystem: 'NuGet',
    file: mainFile,
  };
  const graph: DependencyGraph = {
    roots: [main],
    packages: [],
    edges: [],
    files: [file, ...(project?.files ?? [])],
    warnings: [],
  };
  const names = project?.references.map((r) => r.name) ?? [];
  const context: BuildContext = {
    file,
    graph,
    mainKey: main.key,
    scope: isTestProject(project?.project.properties ?? {}, names)
      ? 'test'
      : 'prod',
    repository: request.repository,
    projectPaths: new Map(
      (project?.project.projectReferences ?? []).map((path) => [
        path
          .replace(/^.*\//, '')
          .replace(/\.[^.]+$/, '')
          .toLowerCase(),
        path,
      ]),
    ),
    lines: entryLines(request.text),
    edgeIds: new Set(),
    nodeKeys: new Set([main.key]),
  };
  for (const entries of Object.values(objectOf(json.dependencies)))
    readFramework(context, objectOf(entries));
  assignScopes(
    graph.packages,
    graph.edges,
    new Set(graph.roots.map((r) => r.key)),
  );
  log.debug(
    { file, packages: graph.packages.length },
    'packages.lock.json read',
  );
  return graph;
}

/** NuGet packages.lock.json, read with its project file. */
export const packagesLockExtractor: Extractor = {
  id: 'nuget-packages-lock',
  ecosystem: 'NuGet',
  kind: 'lockfile',
  matches: (path) => /(?:^|\/)packages(?:\.[^/]+)?\.lock\.json$/.test(path),
  extract: refusingEmpty(extractPackagesLock, FIX),
};
