import type { GroupRecord, ServiceRecord } from '../core/catalog.js';
import { UNOWNED } from '../core/catalog.js';
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
import { ownerFor, type Codeowners } from './codeowners.js';
import { DEFAULT_NAMESPACE } from './entity-ref.js';
import { readExposure } from './exposure.js';
import { buildGroups } from './groups.js';
import {
  componentForRoot,
  componentsByFolder,
  folderOf,
  isWithin,
  rootsOf,
} from './service-assign.js';
import { implicitServiceName } from './service-names.js';
import { detectTechStack, directPackagesOf } from './stack.js';

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

/** A service being assembled: its component (if any) and roots by graph. */
interface Draft {
  component?: ComponentEntity;
  name: string;
  namespace: string;
  path: string;
  shares: Map<number, GraphRoot[]>;
}

/**
 * Turns one repository's descriptors, CODEOWNERS and dependency graphs into
 * services. Every graph root goes to exactly one service:
 *
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
    record: toRecord(input, draft),
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
): Draft[] {
  const byFolder = componentsByFolder(components);
  const drafts = new Map<string, Draft>();
  for (const component of components) {
    drafts.set(component.ref, {
      component,
      name: component.name,
      namespace: component.namespace,
      path: folderOf(component.file),
      shares: new Map(),
    });
  }

  const implicit: Array<{ graphIndex: number; roots: GraphRoot[] }> = [];
  input.graphs.forEach((graph, graphIndex) => {
    const uncovered: GraphRoot[] = [];
    for (const root of rootsOf(graph)) {
      const component = componentForRoot(byFolder, root);
      if (!component) uncovered.push(root);
      else addShare(drafts.get(component.ref)!, graphIndex, root);
    }
    if (uncovered.length > 0) implicit.push({ graphIndex, roots: uncovered });
  });

  addImplicit(input.repository, implicit, drafts);
  return [...drafts.values()];
}

function addShare(draft: Draft, graphIndex: number, root: GraphRoot): void {
  const roots = draft.shares.get(graphIndex) ?? [];
  roots.push(root);
  draft.shares.set(graphIndex, roots);
}

function addImplicit(
  repository: string,
  implicit: Array<{ graphIndex: number; roots: GraphRoot[] }>,
  drafts: Map<string, Draft>,
): void {
  const byKey = new Map<string, Draft>();
  for (const { graphIndex, roots } of implicit) {
    const first = roots[0];
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
function uniqueName(draft: Draft, taken: Set<string>): string {
  const base = `${draft.name}-${draft.path.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
  let name = base;
  for (let n = 2; taken.has(`${draft.namespace}/${name}`); n++) {
    name = `${base}-${n}`;
  }
  return name;
}

function toRecord(input: BuildServicesInput, draft: Draft): ServiceRecord {
  const { component } = draft;
  const annotations = component?.annotations ?? {};
  const tags = component?.tags ?? [];
  const owner = resolveOwner(input, draft);
  return {
    namespace: draft.namespace,
    name: draft.name,
    title: component?.title,
    description: component?.description,
    type: component?.type,
    lifecycle: component?.lifecycle,
    ...owner,
    system: component?.system,
    tags,
    annotations,
    dependsOn: component?.dependsOn ?? [],
    exposure: readExposure(annotations, tags),
    stack: stackOf(input, draft),
    repository: input.repository,
    path: draft.path,
    descriptorFile: component?.file,
  };
}

function resolveOwner(
  input: BuildServicesInput,
  draft: Draft,
): Pick<ServiceRecord, 'owner' | 'ownerSource'> {
  const { component } = draft;
  const systemOwner = input.descriptors.entities.find(
    (e) => e.kind === 'System' && e.ref === component?.system,
  );
  const catalogOwner =
    component?.owner ??
    (systemOwner?.kind === 'System' ? systemOwner.owner : undefined);
  if (catalogOwner) return { owner: catalogOwner, ownerSource: 'catalog' };

  const mainFile = [...draft.shares.values()][0]?.[0]?.file ?? component?.file;
  const owners =
    input.codeowners && mainFile ? ownerFor(input.codeowners, mainFile) : [];
  const [owner] = owners;
  if (owner) return { owner, ownerSource: 'codeowners' };
  return { owner: UNOWNED, ownerSource: 'none' };
}

/**
 * A file of a shared graph speaks for this service when it lies in the
 * service's folder or in a folder above one of its roots (the workspace
 * lockfile), not when it belongs to a sibling module.
 */
function isServiceFile(file: string, servicePath: string, roots: GraphRoot[]) {
  const folder = folderOf(file);
  return (
    isWithin(folder, servicePath) ||
    roots.some((r) => r.file === file || isWithin(r.path, folder))
  );
}

function stackOf(input: BuildServicesInput, draft: Draft) {
  const consumedFiles = new Set<string>();
  const ecosystems = new Set<GraphRoot['ecosystem']>();
  const directPackages: ReturnType<typeof directPackagesOf> = [];
  for (const [graphIndex, roots] of draft.shares) {
    const graph = input.graphs[graphIndex];
    if (!graph) continue;
    for (const file of graph.files) {
      if (isServiceFile(file, draft.path, roots)) consumedFiles.add(file);
    }
    roots.forEach((r) => ecosystems.add(r.ecosystem));
    const keys = roots.map((r) => r.key).filter(Boolean);
    directPackages.push(...directPackagesOf(graph, keys));
  }
  return detectTechStack({
    consumedFiles: [...consumedFiles],
    ecosystems: [...ecosystems],
    directPackages,
    repositoryFiles: input.files,
    servicePath: draft.path,
  });
}
