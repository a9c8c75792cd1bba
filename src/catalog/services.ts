import type { GroupRecord, ServiceRecord } from '../core/catalog.js';
import type {
  DependencyGraph,
  ExtractionWarning,
  GraphRoot,
} from '../core/model.js';
import type {
  CatalogDescriptors,
  CatalogEntity,
  ComponentEntity,
} from './backstage.js';
import type { Codeowners } from './codeowners.js';
import { DEFAULT_NAMESPACE } from './entity-ref.js';
import { unreadExposureAnnotations } from './exposure.js';
import { buildGroups } from './groups.js';
import {
  componentForRoot,
  componentsByFolder,
  folderOf,
  rootsOf,
} from './service-assign.js';
import { readSbomAnnotations, replacedBySbom } from './sbom-annotation.js';
import { implicitServiceName } from './service-names.js';
import { toServiceRecord, type ServiceDraft } from './service-record.js';

/** What the scan pipeline knows about one repository. */
export interface BuildServicesInput {
  /** Absolute path of the repository root. */
  repository: string;
  /** Its listed files, repository-relative (tsconfig.json is looked up here). */
  files: readonly string[];
  descriptors: CatalogDescriptors;
  codeowners?: Codeowners;
  /** Graphs extracted from the repository's lockfiles, manifests and SBOMs. */
  graphs: readonly DependencyGraph[];
  /**
   * Graphs read from the SBOM a component names by `quartermaster.dev/sbom`:
   * graph index → component ref. Such a graph is wholly that component's.
   */
  givenSboms?: ReadonlyMap<number, string>;
}

/**
 * Which roots of which graph belong to a service. `rootKeys` is empty only
 * for a graph that has no roots at all: the whole graph is the service's.
 */
export interface ServiceGraphShare {
  graphIndex: number;
  rootKeys: string[];
}

export interface BuiltService {
  record: ServiceRecord;
  graphs: ServiceGraphShare[];
}

export interface BuiltServices {
  services: BuiltService[];
  groups: GroupRecord[];
  /** The descriptors' and CODEOWNERS' warnings, then this step's own. */
  warnings: ExtractionWarning[];
}

/**
 * Turns one repository's descriptors, CODEOWNERS and dependency graphs into
 * services. Every graph root goes to exactly one service:
 *
 * - a Component that names its SBOM (`quartermaster.dev/sbom`) owns every
 *   root of that SBOM's graph and no other root; roots of other graphs
 *   in a folder whose components all name one are dropped (not read);
 * - a Component descriptor in folder F owns the roots at F or below, the
 *   nearest descriptor folder winning; within one folder, the component
 *   named like the root, else the one whose source-location points there,
 *   else the first;
 * - the roots no descriptor covers form one implicit service per graph,
 *   named after the graph's first uncovered root (package name, else
 *   folder name, else repository folder name); graphs whose implicit
 *   service has the same name and folder share it (a lockfile and an SBOM
 *   of one project); names clashing with another service get the folder
 *   path as a suffix;
 * - components with no graph are services all the same, with no graphs.
 *
 * Owners come from `spec.owner`, else the owner of the component's System,
 * else the CODEOWNERS rule for the service's main file (first root's file,
 * or the descriptor), else `unowned`. With several CODEOWNERS owners the
 * first one is taken.
 */
export function buildServices(input: BuildServicesInput): BuiltServices {
  const warnings = [
    ...input.descriptors.warnings,
    ...(input.codeowners?.warnings ?? []),
  ];
  const components = uniqueComponents(input.descriptors.entities, warnings);
  const drafts = assignRoots(input, components);

  const services = drafts.map((draft) => ({
    record: toServiceRecord(input, draft),
    graphs: [...draft.shares].map(([graphIndex, roots]) => ({
      graphIndex,
      rootKeys: roots.flatMap((r) => (r.key ? [r.key] : [])),
    })),
  }));
  return {
    services,
    groups: buildGroups(input.descriptors.entities),
    warnings,
  };
}

function uniqueComponents(
  entities: readonly CatalogEntity[],
  warnings: ExtractionWarning[],
): ComponentEntity[] {
  const byRef = new Map<string, ComponentEntity>();
  for (const entity of entities) {
    if (entity.kind !== 'Component') continue;
    const first = byRef.get(entity.ref);
    if (!first) {
      byRef.set(entity.ref, entity);
      for (const { annotation, value } of unreadExposureAnnotations(
        entity.annotations,
      ))
        warnings.push({
          file: entity.file,
          code: 'ERR_EXPOSURE_VALUE',
          message:
            `${entity.ref}: ${annotation} is "${value}"; only "true" or "false" ` +
            'is read, so the tag decides; write "true" or "false"',
        });
      continue;
    }
    warnings.push({
      file: entity.file,
      code: 'ERR_CATALOG_DUPLICATE_ENTITY',
      message:
        `${entity.ref} is also declared in ${first.file}; the first ` +
        'declaration is kept; give each component its own name',
    });
  }
  return [...byRef.values()];
}

function assignRoots(
  input: BuildServicesInput,
  components: ComponentEntity[],
): ServiceDraft[] {
  const byFolder = componentsByFolder(components);
  const drafts = new Map<string, ServiceDraft>();
  for (const component of components) {
    drafts.set(component.ref, {
      component,
      name: component.name,
      namespace: component.namespace,
      path: folderOf(component.file),
      shares: new Map(),
    });
  }

  const named = new Set(
    readSbomAnnotations(components).map((a) => a.component.ref),
  );
  const replaced = replacedBySbom(components);
  const implicit: Array<{ graphIndex: number; roots: GraphRoot[] }> = [];
  input.graphs.forEach((graph, graphIndex) => {
    const owner = drafts.get(input.givenSboms?.get(graphIndex) ?? '');
    if (owner) {
      for (const root of rootsOf(graph)) addShare(owner, graphIndex, root);
      return;
    }
    const uncovered: GraphRoot[] = [];
    for (const root of rootsOf(graph)) {
      if (replaced(root.path)) continue;
      const component = componentForRoot(byFolder, root, named);
      if (!component) uncovered.push(root);
      else addShare(drafts.get(component.ref)!, graphIndex, root);
    }
    if (uncovered.length > 0) implicit.push({ graphIndex, roots: uncovered });
  });

  addImplicit(input.repository, implicit, drafts);
  return [...drafts.values()];
}

function addShare(
  draft: ServiceDraft,
  graphIndex: number,
  root: GraphRoot,
): void {
  const roots = draft.shares.get(graphIndex) ?? [];
  roots.push(root);
  draft.shares.set(graphIndex, roots);
}

function shallowest(roots: readonly GraphRoot[]): GraphRoot | undefined {
  let best: GraphRoot | undefined;
  for (const root of roots) {
    const depth = root.path === '' ? 0 : root.path.split('/').length;
    const bestDepth = best
      ? best.path === ''
        ? 0
        : best.path.split('/').length
      : Infinity;
    if (depth < bestDepth) best = root;
  }
  return best;
}

function addImplicit(
  repository: string,
  implicit: Array<{ graphIndex: number; roots: GraphRoot[] }>,
  drafts: Map<string, ServiceDraft>,
): void {
  const byKey = new Map<string, ServiceDraft>();
  for (const { graphIndex, roots } of implicit) {
    // The shallowest root is the project itself (a workspace or reactor
    // root); its members sit below it.
    const first = shallowest(roots);
    if (!first) continue;
    const folder = first.path;
    const name = implicitServiceName(
      first.name ? first : undefined,
      folder,
      repository,
    );
    const key = `${name}\u0000${folder}`;
    const draft = byKey.get(key) ?? {
      name,
      namespace: DEFAULT_NAMESPACE,
      path: folder,
      shares: new Map(),
    };
    byKey.set(key, draft);
    roots.forEach((root) => addShare(draft, graphIndex, root));
  }

  const taken = new Set(
    [...drafts.values()].map((d) => `${d.namespace}/${d.name}`),
  );
  const names = [...byKey.values()].map((d) => d.name);
  for (const draft of byKey.values()) {
    const clashes =
      taken.has(`${draft.namespace}/${draft.name}`) ||
      names.filter((n) => n === draft.name).length > 1;
    if (clashes && draft.path) draft.name = uniqueName(draft, taken);
    taken.add(`${draft.namespace}/${draft.name}`);
    drafts.set(`implicit:${draft.path}:${draft.name}`, draft);
  }
}

/** `name-folder-path`, counted up in the unlikely case that is taken too. */
function uniqueName(draft: ServiceDraft, taken: Set<string>): string {
  const base = `${draft.name}-${draft.path.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
  let name = base;
  for (let n = 2; taken.has(`${draft.namespace}/${name}`); n++) {
    name = `${base}-${n}`;
  }
  return name;
}
