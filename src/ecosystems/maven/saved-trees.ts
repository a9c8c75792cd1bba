/**
 * Saved `mvn dependency:tree` output beside the POMs of a reactor. A
 * reactor build prints one tree per module, into one file (a console log)
 * or into each module's folder (`-DoutputFile`); either way each tree is
 * the authoritative graph of the module it names.
 */
import path from 'node:path';
import type { RepositoryFiles } from '../types.js';
import {
  isDependencyTreeFile,
  parseDependencyTree,
} from './dependency-tree.js';
import type { ModelProblem } from './effective-model.js';
import type { ResolvedNode } from './resolver.js';

/** One module's tree and the file it was read from. */
export interface SavedTree {
  file: string;
  root: ResolvedNode;
}

export interface SavedTrees {
  /** Every tree file read, in the order read. */
  files: string[];
  /** Trees not yet given to a module, in file order. */
  trees: SavedTree[];
}

function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/**
 * Reads every saved tree file in the folders of the given POMs. Throws
 * InputError (ERR_MAVEN_TREE_EMPTY) for a file holding no tree, so the
 * reactor keeps its last snapshot rather than losing modules.
 */
export async function readSavedTrees(
  repository: RepositoryFiles,
  pomFiles: readonly string[],
): Promise<SavedTrees> {
  const dirs = new Set(pomFiles.map(dirOf));
  const files = repository.paths.filter(
    (p) => isDependencyTreeFile(p) && dirs.has(dirOf(p)),
  );
  const trees: SavedTree[] = [];
  for (const file of files) {
    const text = await repository.readText(file);
    if (text === undefined) continue;
    for (const root of parseDependencyTree(text, file))
      trees.push({ file, root });
  }
  return { files, trees };
}

/** Removes and returns the tree of `groupId:artifactId`, if any. */
function takeSavedTree(
  saved: SavedTrees,
  coordinates: { groupId: string; artifactId: string } | undefined,
): SavedTree | undefined {
  if (!coordinates) return undefined;
  const i = saved.trees.findIndex(
    (t) =>
      t.root.groupId === coordinates.groupId &&
      t.root.artifactId === coordinates.artifactId,
  );
  return i < 0 ? undefined : saved.trees.splice(i, 1)[0];
}

/**
 * Removes and returns a module's saved tree: the one naming its
 * coordinates; for a root POM that cannot be read (no coordinates), the
 * first tree beside it, as Maven prints the root's tree first.
 */
export function savedTreeOf(
  saved: SavedTrees,
  module: {
    file: string;
    coordinates?: { groupId: string; artifactId: string };
  },
  isRoot: boolean,
): SavedTree | undefined {
  const named = takeSavedTree(saved, module.coordinates);
  if (named || !isRoot || module.coordinates) return named;
  const i = saved.trees.findIndex((t) => dirOf(t.file) === dirOf(module.file));
  return i < 0 ? undefined : saved.trees.splice(i, 1)[0];
}

/** Why a module of the default reactor was resolved despite saved trees. */
export function notInTreeProblem(
  file: string,
  model: { groupId: string; artifactId: string },
  treeFiles: string[],
): ModelProblem {
  return {
    code: 'MAVEN_MODULE_NOT_IN_TREE',
    message:
      `${file} (${model.groupId}:${model.artifactId}) is a module of the reactor ` +
      `but no saved dependency tree covers it (${treeFiles.join(', ')}); ` +
      'its dependencies are resolved from its POM instead; regenerate the ' +
      'trees with mvn dependency:tree from the reactor root',
  };
}
