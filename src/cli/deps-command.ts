import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import type { Scope } from '../core/model.js';
import { parseCount } from './package-query.js';
import type { DependencyTreeNode } from '../queries/dependency-tree.js';
import {
  getDependencies,
  type DependenciesResult,
} from '../queries/get-dependencies.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_OK } from './exit-codes.js';
import { printJson, printLine, printTable } from './output.js';

interface DepsFlags extends GlobalOptions {
  tree?: boolean;
  scope?: string;
  depth: string;
}

const SCOPES: readonly Scope[] = [
  'prod',
  'dev',
  'optional',
  'peer',
  'test',
  'provided',
  'runtime',
  'system',
];

function parseScopes(text: string): Scope[] {
  const scopes = text.split(',').map((s) => s.trim());
  const unknown = scopes.filter((s) => !SCOPES.includes(s as Scope));
  if (unknown.length > 0) {
    throw new InputError(
      'ERR_OPTION_INVALID',
      `--scope ${unknown.join(',')} is not a scope; expected ${SCOPES.join(', ')}`,
    );
  }
  return scopes as Scope[];
}

function printTree(nodes: readonly DependencyTreeNode[], indent = ''): void {
  nodes.forEach((node, i) => {
    const last = i === nodes.length - 1;
    const branch = indent === '' && node.root ? '' : last ? '└── ' : '├── ';
    const label = node.root
      ? node.name
      : `${node.name}@${node.version ?? '(unresolved)'}`;
    const marks = [
      node.scope && node.scope !== 'prod' ? node.scope : '',
      node.deduped ? 'deduped' : '',
      node.cycle ? 'cycle' : '',
      node.truncated ? '…' : '',
    ].filter(Boolean);
    printLine(
      `${indent}${branch}${label}${marks.length ? ` (${marks.join(', ')})` : ''}`,
    );
    const next =
      node.root && indent === '' ? '' : indent + (last ? '    ' : '│   ');
    printTree(node.children, next);
  });
}

function printDependencies(result: DependenciesResult): void {
  if (!result.snapshot) {
    printLine(`${result.service.name} has no snapshot yet: scan it first`);
    return;
  }
  if (result.tree) {
    printTree(result.tree);
    return;
  }
  printTable(
    ['PACKAGE', 'VERSION', 'ECOSYSTEM', 'SCOPE', 'RELATION', 'SOURCE'],
    (result.packages ?? []).map((p) => [
      p.name,
      p.version ?? `${p.declared ?? '?'} (unresolved)`,
      p.ecosystem,
      p.scope,
      p.direct ? 'direct' : 'transitive',
      p.source,
    ]),
  );
}

export function registerDepsCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('deps')
    .description("a service's dependencies from its current snapshot")
    .argument('<service>', 'service name, or namespace/name')
    .option(
      '--tree',
      'show the tree from the service’s manifests (repeated subtrees marked deduped)',
    )
    .option(
      '--scope <scopes>',
      'only these scopes, comma-separated (prod,dev,optional,peer,test,provided,runtime,system)',
    )
    .option('--depth <n>', 'tree depth', '20')
    .option('--json', 'print JSON')
    .action(async (service: string, flags: DepsFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const result = await withStore(global, (store) =>
        getDependencies(store.db, {
          service,
          tree: Boolean(flags.tree),
          scope: flags.scope ? parseScopes(flags.scope) : undefined,
          depth: parseCount('--depth', flags.depth),
        }),
      );
      if (global.json) printJson(result);
      else printDependencies(result);
      setExit(EXIT_OK);
    });
}
