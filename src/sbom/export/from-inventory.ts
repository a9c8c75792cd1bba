import type { InventoryService } from '../../inventory/inventory.js';
import type { SbomGraph } from './sbom-graph.js';

/** One service of `buildInventory` as the graph the SBOM writers take. */
export function fromInventoryService(entry: InventoryService): SbomGraph {
  const { service } = entry;
  return {
    service: {
      namespace: service.namespace,
      name: service.name,
      owner: service.owner,
      description: service.description,
    },
    roots: entry.roots.map((r) => ({
      key: r.key,
      name: r.name,
      path: r.path,
      ecosystem: r.ecosystem,
    })),
    packages: entry.packages.map((p) => ({
      key: p.key,
      ecosystem: p.ecosystem,
      name: p.name,
      version: p.version,
      purl: p.purl,
      scope: p.scope,
      direct: p.direct,
    })),
    edges: entry.edges,
  };
}
