import type { ResolvedNode } from './resolver.js';

/**
 * A resolved tree in the text Maven itself prints for a project's
 * dependencies (its GraphLogger: three spaces a level,
 * `group:artifact:type[:classifier]:version:scope` and notes).
 */
export function formatMavenTree(root: ResolvedNode): string {
  const lines: string[] = [];
  const visit = (node: ResolvedNode, depth: number): void => {
    const classifier = node.classifier ? `:${node.classifier}` : '';
    let line = `${'   '.repeat(depth)}${node.groupId}:${node.artifactId}:${node.type}${classifier}:${node.version}`;
    if (depth > 0) line += `:${node.scope}`;
    if (node.premanagedScope !== undefined)
      line += ` (scope managed from ${node.premanagedScope})`;
    if (node.premanagedVersion !== undefined)
      line += ` (version managed from ${node.premanagedVersion})`;
    if (node.optional) line += ' (optional)';
    lines.push(line);
    for (const child of node.children) visit(child, depth + 1);
  };
  visit(root, 0);
  return lines.join('\n');
}

/** Splits text holding several such trees (comments and noise skipped). */
export function treesOf(text: string): string[] {
  const trees: string[][] = [];
  for (const line of text.split('\n')) {
    if (!/^\s*[\w.-]+:[\w.-]+:/.test(line)) continue;
    if (!line.startsWith(' ')) trees.push([]);
    trees.at(-1)?.push(line.trimEnd());
  }
  return trees.map((t) => t.join('\n'));
}
