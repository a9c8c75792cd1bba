import type {
  DependencyGraph,
  GraphEdge,
  GraphPackage,
  GraphRoot,
  Scope,
} from '../core/model.js';
import type { CdxComponent, CdxDocument } from './cyclonedx-document.js';
import {
  dominantEcosystem,
  identityOfPurl,
  SkippedEntries,
  sbomPackage,
} from './purl-package.js';

const SCOPES: Partial<Record<string, Scope>> = {
  required: 'prod',
  optional: 'optional',
  // Excluded components are not part of the runtime (build or test tools).
  excluded: 'dev',
};

export function dirOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

function labelOf(component: CdxComponent): string {
  const name = component.group
    ? `${component.group}/${component.name ?? ''}`
    : (component.name ?? component.ref ?? '?');
  return component.version ? `${name}@${component.version}` : name;
}

interface Walk {
  file: string;
  packages: GraphPackage[];
  edges: GraphEdge[];
  /** bom-ref (or purl) → package key. */
  nodes: Map<string, string>;
  keys: Set<string>;
  skipped: SkippedEntries;
}

function addComponent(walk: Walk, component: CdxComponent): string | undefined {
  const identity = identityOfPurl(component.purl, component.version);
  if (typeof identity === 'string') {
    walk.skipped.add(identity, labelOf(component));
    return undefined;
  }
  let key = component.ref ?? identity.purl;
  for (let n = 2; walk.keys.has(key); n += 1)
    key = `${component.ref ?? identity.purl}#${n}`;
  walk.keys.add(key);
  const scope = SCOPES[component.scope ?? ''] ?? 'prod';
  walk.packages.push(sbomPackage(key, identity, { file: walk.file, scope }));
  for (const id of [component.ref, component.purl])
    if (id && !walk.nodes.has(id)) walk.nodes.set(id, key);
  return key;
}

/** Every component, nested ones with a containment edge from their parent. */
function walkComponents(walk: Walk, top: CdxComponent[]): string[] {
  const topKeys: string[] = [];
  const stack = top
    .map((component) => ({
      component,
      parent: undefined as string | undefined,
    }))
    .reverse();
  for (let item = stack.pop(); item; item = stack.pop()) {
    const key = addComponent(walk, item.component);
    if (key && item.parent) walk.edges.push({ from: item.parent, to: key });
    // Children of a skipped top-level component move up to the top.
    else if (key) topKeys.push(key);
    const parent = key ?? item.parent;
    const children = item.component.components;
    for (let i = children.length - 1; i >= 0; i -= 1)
      stack.push({ component: children[i] as CdxComponent, parent });
  }
  return topKeys;
}

/**
 * Turns a CycloneDX document into a graph: `metadata.component` is the
 * root, components with a purl of a known ecosystem are packages, and the
 * `dependencies` section gives the edges. Without one, every top-level
 * component counts as a direct dependency of the root.
 */
export function buildCycloneDxGraph(
  document: CdxDocument,
  file: string,
): DependencyGraph {
  const walk: Walk = {
    file,
    packages: [],
    edges: [],
    nodes: new Map(),
    keys: new Set(),
    skipped: new SkippedEntries(),
  };
  const topKeys = walkComponents(walk, document.components);
  const root = toRoot(document.root, walk, file);
  const rootIds = new Set(
    [document.root?.ref, document.root?.purl].filter(Boolean),
  );
  const byKey = new Map(walk.packages.map((p) => [p.key, p]));
  for (const dependency of document.dependencies) {
    const from = rootIds.has(dependency.ref)
      ? root.key
      : walk.nodes.get(dependency.ref);
    if (!from) continue;
    for (const ref of dependency.dependsOn) {
      const to = walk.nodes.get(ref);
      if (!to) continue;
      const edge: GraphEdge = { from, to };
      if (from === root.key) edge.scope = byKey.get(to)?.scope ?? 'prod';
      walk.edges.push(edge);
    }
  }
  if (!walk.edges.some((e) => e.from === root.key)) {
    for (const key of topKeys)
      walk.edges.push({
        from: root.key,
        to: key,
        scope: byKey.get(key)?.scope ?? 'prod',
      });
  }
  const direct = new Set(
    walk.edges.filter((e) => e.from === root.key).map((e) => e.to),
  );
  for (const pkg of walk.packages) pkg.direct = direct.has(pkg.key);
  const warnings = walk.skipped.warnings(file);
  if (document.invalid > 0)
    warnings.push({
      file,
      code: 'ERR_SBOM_ENTRY_SKIPPED',
      message: `${document.invalid} components are not valid CycloneDX components; they are skipped`,
    });
  return {
    roots: [root],
    packages: walk.packages,
    edges: walk.edges,
    files: [file],
    warnings,
  };
}

function toRoot(
  component: CdxComponent | undefined,
  walk: Walk,
  file: string,
): GraphRoot {
  const identity = identityOfPurl(component?.purl, component?.version);
  const known = typeof identity === 'string' ? undefined : identity;
  return {
    key: `root:${component?.ref ?? component?.purl ?? file}`,
    name: component?.name
      ? labelOf({ ...component, version: undefined })
      : file,
    path: dirOf(file),
    // A root needs an ecosystem; an SBOM of mixed or unknown ones takes the
    // most common among its packages, npm when it has none.
    ecosystem: known?.ecosystem ?? dominantEcosystem(walk.packages) ?? 'npm',
    file,
  };
}
