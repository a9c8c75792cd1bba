import path from 'node:path';
import type { CatalogEntity, ComponentEntity } from './backstage-entities.js';
import {
  componentsByFolder,
  componentsCovering,
  folderOf,
} from './service-assign.js';

/**
 * Names the SBOM that is a component's graph, relative to the folder of
 * the descriptor that declares it (as Backstage's relative refs are):
 * `quartermaster.dev/sbom: build/reports/sbom.json`.
 */
export const SBOM_ANNOTATION = 'quartermaster.dev/sbom';

/** One component's `quartermaster.dev/sbom`, resolved against its descriptor. */
export interface SbomAnnotation {
  component: ComponentEntity;
  /** The annotation's value as written. */
  value: string;
  /** Repository-relative path it names; undefined when it leaves the repository. */
  file?: string;
}

/**
 * The components that name their SBOM, the first declaration of each
 * component winning as in buildServices. A value that is absolute or
 * climbs out of the repository with `..` keeps `file` undefined.
 */
export function readSbomAnnotations(
  entities: readonly CatalogEntity[],
): SbomAnnotation[] {
  const seen = new Set<string>();
  const annotations: SbomAnnotation[] = [];
  for (const entity of entities) {
    if (entity.kind !== 'Component' || seen.has(entity.ref)) continue;
    seen.add(entity.ref);
    const value = entity.annotations[SBOM_ANNOTATION];
    if (value === undefined) continue;
    annotations.push({
      component: entity,
      value,
      file: resolveInRepository(entity.file, value.trim()),
    });
  }
  return annotations;
}

function resolveInRepository(descriptor: string, value: string) {
  if (path.posix.isAbsolute(value) || path.win32.isAbsolute(value)) return;
  const joined = path.posix.normalize(
    path.posix.join(folderOf(descriptor), value),
  );
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

/**
 * `catalog-info.yaml: component:default/a, quartermaster.dev/sbom 'x.json'`;
 * without the file for a failure that names the descriptor already.
 */
export function describeSbomAnnotation(
  annotation: SbomAnnotation,
  { withFile = true }: { withFile?: boolean } = {},
): string {
  const { component, value } = annotation;
  const named = `${component.ref}, ${SBOM_ANNOTATION} '${value}'`;
  return withFile ? `${component.file}: ${named}` : named;
}

/**
 * Whether the files of a folder are left unread because its components
 * take their graph from an SBOM: true when every component of the nearest
 * descriptor folder holding it names one. A deeper descriptor without the
 * annotation keeps its own lockfiles, and so does a sibling component
 * declared in the same folder.
 */
export function replacedBySbom(
  entities: readonly CatalogEntity[],
): (folder: string) => boolean {
  const named = new Set(
    readSbomAnnotations(entities).map((a) => a.component.ref),
  );
  if (named.size === 0) return () => false;
  const components = entities.filter(
    (e): e is ComponentEntity => e.kind === 'Component',
  );
  const byFolder = componentsByFolder(components);
  return (folder) => {
    const covering = componentsCovering(byFolder, folder);
    return covering.length > 0 && covering.every((c) => named.has(c.ref));
  };
}
