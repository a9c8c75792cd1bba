import { InputError } from '../../core/errors.js';
import type { DependencyGraph, GraphRoot, Scope } from '../../core/model.js';
import type { ExtractionRequest } from '../types.js';
import {
  baseName,
  folderOf,
  GraphBuilder,
  joinPath,
} from '../graph-builder.js';
import { scopeOfConfiguration } from './configurations.js';
import { buildScriptOf, projectName } from './gradle-project.js';

/**
 * True for saved `gradle dependencies` output: `gradle-dependencies.txt`,
 * or with a suffix (`gradle-dependencies-app.txt`, `gradle-dependencies.app.txt`).
 */
export function isDependenciesOutput(path: string): boolean {
  return /^gradle-dependencies([-_.][\w.-]*)?\.txt$/.test(baseName(path));
}

/** One tree line: `|    +--- g:a:1.0 -> 1.1 (*)`. */
export interface TreeNode {
  depth: number;
  /** `group:artifact`, or `project :path` for a project dependency. */
  name: string;
  project: boolean;
  requested?: string;
  /** The version Gradle chose; undefined when it failed or none was asked. */
  version?: string;
  markers: string[];
  failed: boolean;
}

const BRANCH = /[+\\]--- /;

/** Parses one tree line, or undefined when the line is not one. */
export function parseTreeLine(line: string): TreeNode | undefined {
  const branch = BRANCH.exec(line);
  if (!branch) return undefined;
  const depth = Math.round(branch.index / 5);
  let rest = line.slice(branch.index + 5).trim();
  const markers: string[] = [];
  for (
    let m = / \((\*|c|n)\)$/.exec(rest);
    m;
    m = / \((\*|c|n)\)$/.exec(rest)
  ) {
    markers.unshift(m[1] as string);
    rest = rest.slice(0, m.index);
  }
  const failed = rest.endsWith(' FAILED');
  if (failed) rest = rest.slice(0, -7);
  if (rest.startsWith('project ')) {
    return { depth, name: rest, project: true, markers, failed };
  }
  const [left, right] = rest.split(' -> ') as [string, string | undefined];
  const [group, artifact, ...requested] = left.split(':');
  const node: TreeNode = {
    depth,
    name: `${group}:${artifact}`,
    project: false,
    markers,
    failed,
  };
  if (requested.length) node.requested = requested.join(':');
  // `-> 2.0` picks a version; `-> g:a:2.0` substitutes another module.
  const chosen = right?.split(':');
  if (chosen && chosen.length >= 3) {
    node.name = `${chosen[0]}:${chosen[1]}`;
    node.version = chosen[2];
  } else {
    node.version = right ?? node.requested;
  }
  if (failed) node.version = undefined;
  return node;
}

interface Walk {
  builder: GraphBuilder;
  file: string;
  root: GraphRoot;
  scope: Scope;
  /** Keys of the open ancestors, by depth. */
  stack: string[];
}

/**
 * Reads saved `gradle dependencies` output: one tree per configuration,
 * `->` resolutions taken as the version, `(c)` constraints and `(n)`
 * unresolved declarations skipped, `(*)` repeats linked without their
 * subtree (it was printed before). Project dependencies are transparent.
 */
export async function extractDependenciesOutput(
  request: ExtractionRequest,
): Promise<DependencyGraph> {
  const { path: file, text, repository } = request;
  const builder = new GraphBuilder('Maven');
  builder.addFile(file);
  const folder = folderOf(file);
  const script = buildScriptOf(repository, folder);
  if (script) builder.addFile(script);
  const defaultRoot = builder.addRoot({
    key: `root:${folder}`,
    name: await projectName(repository, folder),
    path: folder,
    file,
  });
  const walk: Walk = {
    builder,
    file,
    root: defaultRoot,
    scope: 'prod',
    stack: [],
  };

  // A tree line counts too: a save of only the trees is still read.
  const seen = { sections: 0 };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const node = parseTreeLine(line);
    if (node) {
      seen.sections += 1;
      return addNode(walk, node, index + 1);
    }
    const project = /^(?:Root project|Project) '?([^'\s]+)'?/.exec(line);
    if (
      project &&
      (project[1] as string).startsWith(':') &&
      project[1] !== ':'
    ) {
      const path = joinPath(
        folder,
        (project[1] as string).slice(1).split(':').join('/'),
      );
      walk.root = builder.addRoot({
        key: `root:${path}`,
        name: project[1] as string,
        path,
        file,
      });
      return;
    }
    const configuration = /^([A-Za-z][A-Za-z0-9]*)(?: - |$)/.exec(line);
    if (configuration) {
      seen.sections += 1;
      walk.scope = scopeOfConfiguration(configuration[1] as string);
      walk.stack = [];
    }
  });
  if (seen.sections === 0) throw noConfiguration(file);
  return builder.graph;
}

// Gradle prints every configuration, even one without dependencies; a
// file with none is a failed or cut-off save, not a build without any.
function noConfiguration(file: string): InputError {
  return new InputError(
    'ERR_LOCKFILE_SYNTAX',
    `${baseName(file)} holds no configuration section ` +
      '(`compileClasspath - ...` followed by its tree); expected the saved ' +
      'output of gradle dependencies; save it again from a successful run',
    { file },
  );
}

function addNode(walk: Walk, node: TreeNode, line: number): void {
  const { builder, file, root, scope } = walk;
  walk.stack.length = node.depth;
  const parent = walk.stack[node.depth - 1] ?? root.key;
  if (node.markers.includes('c') || node.markers.includes('n')) {
    walk.stack[node.depth] = parent;
    return;
  }
  if (node.project) {
    // Its dependencies belong to the build; hang them off the parent.
    walk.stack[node.depth] = parent;
    return;
  }
  const key = builder.addPackage({
    name: node.name,
    version: node.version ?? null,
    declared: node.requested ?? (node.version ? undefined : '*'),
    scope,
    direct: parent === root.key,
    file,
    line,
    skipReason: node.failed
      ? 'resolution-failed'
      : node.version
        ? undefined
        : 'unresolved',
  });
  builder.addEdge(parent, key, parent === root.key ? scope : undefined);
  walk.stack[node.depth] = key;
}
