import { Option, type Command } from 'commander';
import {
  listServices,
  type ExposureFilter,
  type ListServicesResult,
} from '../queries/list-services.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_OK } from './exit-codes.js';
import { formatExposure, shortRef, topGroup } from './format.js';
import { printJson, printLine, printTable } from './output.js';
import { parseEcosystem } from './package-query.js';

interface ServicesFlags extends GlobalOptions {
  owner?: string;
  group?: string;
  tag?: string;
  exposure?: ExposureFilter;
  ecosystem?: string;
  includeRetired?: boolean;
}

function printServices(result: ListServicesResult): void {
  if (result.total === 0) {
    printLine('no service matches');
    return;
  }
  printTable(
    ['SERVICE', 'OWNER', 'TRIBE', 'EXPOSURE', 'PACKAGES', 'LAST SNAPSHOT'],
    result.services.map((s) => [
      s.retiredAt ? `${s.name} (retired)` : s.name,
      shortRef(s.owner),
      topGroup(s.ownerChain),
      formatExposure(s.exposure),
      s.packageVersions ?? s.packageCount ?? '-',
      (s.snapshotTakenAt?.slice(0, 19) ?? 'never') +
        (s.lastScanProblems > 0
          ? ` (stale: ${s.lastScanProblems} failed in the last scan)`
          : ''),
    ]),
  );
}

export function registerServicesCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('services')
    .description('list the services of the catalog')
    .option(
      '--owner <ref>',
      'owned by this group or user (squad-payments, group:default/squad-payments)',
    )
    .option(
      '--group <ref>',
      'owned by this group or any group below it (a tribe lists its squads)',
    )
    .option('--tag <tag>', 'carrying this Backstage tag')
    .addOption(
      new Option('--exposure <kind>', 'exposed this way').choices([
        'internet-facing',
        'user-data',
        'payment-path',
      ]),
    )
    .option(
      '--ecosystem <name>',
      'using packages of this ecosystem (npm, Maven, PyPI, ...)',
    )
    .option('--include-retired', 'also list retired services')
    .option('--json', 'print JSON')
    .action(async (flags: ServicesFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const result = await withStore(global, (store) =>
        listServices(store.db, {
          owner: flags.owner,
          group: flags.group,
          tag: flags.tag,
          exposure: flags.exposure,
          ecosystem: flags.ecosystem
            ? parseEcosystem(flags.ecosystem)
            : undefined,
          includeRetired: Boolean(flags.includeRetired),
        }),
      );
      if (global.json) printJson(result);
      else printServices(result);
      setExit(EXIT_OK);
    });
}
