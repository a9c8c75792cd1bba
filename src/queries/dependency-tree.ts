import type { SnapshotRoot } from '../store/snapshot-graph.js';

/** What the tree shows of one package node. */
export interface TreeNodeInfo {
  node: number;
  name: string;
  version: string | null;
  purl: string;
  scope: string;
  direct: boolean;
}

/**
 * One node of a dependency tree, like a line of `npm ls`. A package's
 * subtree is shown at its first place only; later places say `deduped`.
 */
export interface DependencyTreeNode {
  name: string;
  version: string | null;
  /** Absent on roots (the service's own manifests). */
  purl?: string;
  scope?: string;
  root?: true;
  /** Shown in full elsewhere in the tree; children omitted here. */
  deduped?: true;
  /** Already on the path from the root: a dependency cycle, cut here. */
  cycle?: true;
  /** Children exist but lie past the depth limit. */
  truncated?: true;
  children: DependencyTreeNode[];
}

export interface BuildTreeInput {
  roots: SnapshotRoot[];
  edges: ArrayLike<number>;
  /** Package nodes to show (a scope filter leaves some out). */
  nodes: Map<number, TreeNodeInfo>;
  depth: number;
}

/** Unfolds the graph from its roots, depth first, children by name. */
export function buildDependencyTree(
  input: BuildTreeInput,
): DependencyTreeNode[] {
  const children = childLists(input);
  const expanded = new Set<number>();
  const onPath = new Set<number>();

  const unfold = (node: number, level: number): DependencyTreeNode => {
    const info = input.nodes.get(node)!;
    const out: DependencyTreeNode = {
      name: info.name,
      version: info.version,
      purl: info.purl,
      scope: info.scope,
      children: [],
    };
    const kids = children.get(node) ?? [];
    if (onPath.has(node)) return { ...out, cycle: true };
    if (kids.length === 0) return out;
    if (expanded.has(node)) return { ...out, deduped: true };
    if (level >= input.depth) return { ...out, truncated: true };
    expanded.add(node);
    onPath.add(node);
    out.children = kids.map((kid) => unfold(kid, level + 1));
    onPath.delete(node);
    return out;
  };

  return input.roots.map((root, index) => ({
    name: root.name,
    version: null,
    root: true,
    children: (children.get(index) ?? []).map((kid) => unfold(kid, 1)),
  }));
}

function childLists(input: BuildTreeInput): Map<number, number[]> {
  const lists = new Map<number, number[]>();
  const rootCount = input.roots.length;
  for (let i = 0; i < input.edges.length; i += 2) {
    const from = input.edges[i]!;
    const to = input.edges[i + 1]!;
    if (!input.nodes.has(to)) continue;
    if (from >= rootCount && !input.nodes.has(from)) continue;
    const list = lists.get(from);
    if (list) list.push(to);
    else lists.set(from, [to]);
  }
  for (const list of lists.values()) {
    list.sort((a, b) => compareInfo(input.nodes.get(a)!, input.nodes.get(b)!));
  }
  return lists;
}

function compareInfo(a: TreeNodeInfo, b: TreeNodeInfo): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const av = a.version ?? '';
  const bv = b.version ?? '';
  return av < bv ? -1 : av > bv ? 1 : a.node - b.node;
}
