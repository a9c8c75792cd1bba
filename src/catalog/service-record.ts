import type { ServiceRecord } from '../core/catalog.js';
import { UNOWNED } from '../core/catalog.js';
import type { GraphRoot } from '../core/model.js';
import type { ComponentEntity } from './backstage-entities.js';
import { ownerFor } from './codeowners.js';
import { readExposure } from './exposure.js';
import { folderOf, isWithin } from './service-assign.js';
import type { BuildServicesInput } from './services.js';
import { detectTechStack, directPackagesOf } from './stack.js';
import { appendAll } from '../core/arrays.js';

/** A service being assembled: its component (if any) and roots by graph. */
export interface ServiceDraft {
  component?: ComponentEntity;
  name: string;
  namespace: string;
  /** Repository-relative folder of the service. */
  path: string;
  /** Roots the service owns, by graph index, in assignment order. */
  shares: Map<number, GraphRoot[]>;
}

/** The record of a drafted service: descriptor fields, owner, exposure, stack. */
export function toServiceRecord(
  input: BuildServicesInput,
  draft: ServiceDraft,
): ServiceRecord {
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
  draft: ServiceDraft,
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

function stackOf(input: BuildServicesInput, draft: ServiceDraft) {
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
    appendAll(directPackages, directPackagesOf(graph, keys));
  }
  return detectTechStack({
    consumedFiles: [...consumedFiles],
    ecosystems: [...ecosystems],
    directPackages,
    repositoryFiles: input.files,
    servicePath: draft.path,
  });
}
