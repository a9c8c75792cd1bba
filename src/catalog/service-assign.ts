import path from 'node:path';
import type { DependencyGraph, GraphRoot } from '../core/model.js';
import type { ComponentEntity } from './backstage-entities.js';
import { rootMatchesName } from './service-names.js';

/** Repository-relative folder of a file ('' at the root). */
export function folderOf(file: string): string {
  const folder = path.posix.dirname(file);
  return folder === '.' ? '' : folder;
}

/** True when `child` is `folder` or lies below it. */
export function isWithin(child: string, folder: string): boolean {
  return folder === '' || child === folder || child.startsWith(`${folder}/`);
}

/** Components grouped by the folder of the file that declares them. */
export type ComponentsByFolder = Map<string, ComponentEntity[]>;

export function componentsByFolder(
  components: readonly ComponentEntity[],
): ComponentsByFolder {
  const byFolder: ComponentsByFolder = new Map();
  for (const component of components) {
    const folder = folderOf(component.file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), component]);
  }
  return byFolder;
}

/** The deepest descriptor folder holding `rootPath`, if any. */
function nearestFolder(
  byFolder: ComponentsByFolder,
  rootPath: string,
): string | undefined {
  let best: string | undefined;
  for (const folder of byFolder.keys()) {
    if (!isWithin(rootPath, folder)) continue;
    if (best === undefined || folder.length > best.length) best = folder;
  }
  return best;
}

/** The components of the deepest descriptor folder holding `folder`. */
export function componentsCovering(
  byFolder: ComponentsByFolder,
  folder: string,
): ComponentEntity[] {
  const nearest = nearestFolder(byFolder, folder);
  return nearest === undefined ? [] : (byFolder.get(nearest) ?? []);
}

/** Whether a component's source-location or project-slug points at a root. */
function pointsAt(component: ComponentEntity, root: GraphRoot, folder: string) {
  const location = component.annotations['backstage.io/source-location'];
  if (location && root.path) {
    const trimmed = location.replace(/\/+$/, '');
    if (trimmed.endsWith(`/${root.path}`)) return true;
  }
  const slug = component.annotations['github.com/project-slug'];
  return Boolean(slug) && !location && root.path === folder;
}

/**
 * The component a graph root belongs to: nearest descriptor folder wins;
 * within one folder, the component named like the root, else the one whose
 * source-location (or project-slug) points there, else the first.
 * Components in `excluded` (those that name their SBOM) never take it.
 * Undefined when no descriptor covers the root, or only excluded ones do.
 */
export function componentForRoot(
  byFolder: ComponentsByFolder,
  root: GraphRoot,
  excluded: ReadonlySet<string> = new Set(),
): ComponentEntity | undefined {
  const folder = nearestFolder(byFolder, root.path);
  if (folder === undefined) return undefined;
  const candidates = (byFolder.get(folder) ?? []).filter(
    (c) => !excluded.has(c.ref),
  );
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  return (
    candidates.find((c) => rootMatchesName(root, c.name)) ??
    candidates.find((c) => pointsAt(c, root, folder)) ??
    candidates[0]
  );
}

/**
 * Roots of a graph; a graph without roots (some SBOMs) stands in with one
 * keyless root at the folder of its first file, so it is still assigned.
 */
export function rootsOf(graph: DependencyGraph): GraphRoot[] {
  if (graph.roots.length > 0) return graph.roots;
  const file = graph.files[0] ?? '';
  const ecosystem = graph.packages[0]?.ecosystem ?? 'npm';
  return [{ key: '', name: '', path: folderOf(file), ecosystem, file }];
}
