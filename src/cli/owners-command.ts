import { counted } from './format.js';
import type { Command } from 'commander';
import {
  ownerRollup,
  type OwnerRollupGroup,
  type OwnerRollupResult,
} from '../queries/owner-rollup.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_OK } from './exit-codes.js';
import { printJson, printLine } from './output.js';

function printGroup(group: OwnerRollupGroup, indent: string): void {
  const kind = group.type ? ` (${group.type})` : '';
  const own =
    group.direct.services === group.total.services
      ? ''
      : `, ${group.direct.services} directly`;
  printLine(
    `${indent}${group.name}${kind}: ${counted(group.total.services, 'service')}${own}, ${counted(group.total.packages, 'package entry', 'package entries')}`,
  );
  for (const child of group.children) printGroup(child, `${indent}  `);
}

function printRollup(result: OwnerRollupResult): void {
  for (const group of result.groups) printGroup(group, '');
  if (result.unowned.services > 0) {
    printLine(
      `unowned: ${counted(result.unowned.services, 'service')} (${result.unowned.names.join(', ')})`,
    );
  }
  for (const unknown of result.unknownOwners) {
    printLine(
      `owner not in the catalog: ${unknown.owner}: ${counted(unknown.services, 'service')}`,
    );
  }
}

export function registerOwnersCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('owners')
    .description(
      'services and packages per group, rolled up from squads to tribes; unowned services',
    )
    .option('--json', 'print JSON')
    .action(async (flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const result = await withStore(global, (store) => ownerRollup(store.db));
      if (global.json) printJson(result);
      else printRollup(result);
      setExit(EXIT_OK);
    });
}
