/**
 * Reads saved `mvn dependency:tree` text output (the plugin's default
 * `text` format, with or without `[INFO] ` prefixes), the authoritative
 * graph when a repository keeps one. Several trees in one file (one per
 * reactor module) are read as several roots.
 */
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import type { DependencyGraph } from '../../core/model.js';
import { reactorGraph } from './graph.js';
import type { ReactorModule } from './reactor.js';
import type { ResolvedNode } from './resolver.js';

const PREFIX = /^\[(INFO|DEBUG|WARNING)\]\s?/;
const BRANCH = /^((?:[|+\\ ] {2}|[+\\]- )*)/;

/** True for the file names this reader takes (see readme.md). */
export function isDependencyTreeFile(file: string): boolean {
  const base = path.posix.basename(file);
  return (
    base === 'dependency-tree.txt' || base.endsWith('.dependency-tree.txt')
  );
}

/** `g:a:type[:classifier]:version[:scope]` and notes, or undefined. */
function parseCoordinates(
  text: string,
  depth: number,
): ResolvedNode | undefined {
  const [coordinates = '', ...notes] = text.trim().split(/\s+/);
  const parts = coordinates.split(':');
  if (parts.length < 4 || parts.length > 6) return undefined;
  const [groupId, artifactId, type] = parts as [string, string, string];
  const hasScope = depth > 0 && parts.length >= 5;
  const scope = hasScope ? (parts.at(-1) as string) : 'compile';
  const version = (hasScope ? parts.at(-2) : parts.at(-1)) as string;
  const classifier =
    parts.length - (hasScope ? 1 : 0) === 5 ? parts[3] : undefined;
  return {
    groupId,
    artifactId,
    version,
    type,
    classifier,
    scope,
    optional: notes.join(' ').includes('(optional)'),
    depth,
    declared: version,
    children: [],
  };
}

/** Parses dependency:tree text into one tree per module. Throws InputError when none is found. */
export function parseDependencyTree(
  text: string,
  file: string,
): ResolvedNode[] {
  const roots: ResolvedNode[] = [];
  const stack: ResolvedNode[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(PREFIX, '').trimEnd();
    if (line === '') continue;
    const indent = (BRANCH.exec(line)?.[1] ?? '').length;
    if (indent % 3 !== 0) continue;
    const depth = indent / 3;
    const node = parseCoordinates(line.slice(indent), depth);
    if (!node) continue;
    if (depth === 0) {
      roots.push(node);
      stack.length = 0;
    } else {
      const parent = stack[depth - 1];
      if (!parent) continue;
      parent.children.push(node);
    }
    stack[depth] = node;
    stack.length = depth + 1;
  }
  if (roots.length === 0) {
    throw new InputError(
      'ERR_MAVEN_TREE_EMPTY',
      `${file} holds no dependency tree; expected the text output of mvn dependency:tree (-DoutputType=text)`,
      { file },
    );
  }
  return roots;
}

/** A module whose graph is a saved tree, under `file` (its POM or the tree). */
export function savedTreeModule(
  file: string,
  root: ResolvedNode,
): ReactorModule {
  return {
    file,
    model: {
      groupId: root.groupId,
      artifactId: root.artifactId,
      version: root.version,
      packaging: root.type,
      properties: new Map(),
      dependencies: [],
      dependencyManagement: new Map(),
      modules: [],
      problems: [],
    },
    resolution: { root, mediations: [], problems: [] },
  };
}

/** The graph of a saved dependency tree with no pom.xml beside it. */
export function dependencyTreeGraph(
  text: string,
  file: string,
): DependencyGraph {
  const modules = parseDependencyTree(text, file).map((root) =>
    savedTreeModule(file, root),
  );
  return reactorGraph({ modules, failures: [], files: [file] });
}
