import type { Command } from 'commander';
import {
  advisoryReport,
  type AdvisoryReport,
} from '../advisories/decisions/advisory-report.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { formatExposure, formatPath, shortRef } from './format.js';
import { printJson, printLine, printTable } from './output.js';

function printReport(report: AdvisoryReport): void {
  const v = report.vulnerability;
  printLine(`${v.ids.join(' ')}: ${v.summary ?? '(no summary)'}`);
  printLine(
    `severity ${v.severity}${v.score === undefined ? '' : ` (CVSS ${v.score})`}` +
      (v.withdrawn ? `; withdrawn ${v.withdrawn}` : ''),
  );
  if (report.services.length === 0) {
    printLine('no service is affected');
    return;
  }
  printTable(
    [
      'SERVICE',
      'OWNER',
      'EXPOSURE',
      'PRIORITY',
      'PACKAGE',
      'LOWEST FIX',
      'DECISION',
      'PATH',
    ],
    report.services.flatMap((s) =>
      s.uses.map((u) => [
        s.name,
        shortRef(s.owner),
        s.exposure ? formatExposure(s.exposure) : '-',
        u.priority,
        `${u.name}@${u.version ?? '?'}`,
        u.lowestFix ?? 'none',
        u.decision ? u.decision.status : '-',
        (u.path.length > 0 ? formatPath(u.path) : '?') +
          (u.otherPaths > 0 ? ` (+${u.otherPaths} other paths)` : ''),
      ]),
    ),
  );
  printLine();
  const decided = report.services.length - report.openServices;
  printLine(
    `${report.services.length} services, ${report.packageVersions} package versions` +
      (decided > 0
        ? `; ${decided} services covered by decisions, ${report.openServices} open`
        : ''),
  );
  for (const [name, version] of Object.entries(report.upgradeTo))
    printLine(`upgrade ${name} to ${version} or later to fix every service`);
}

export function registerAdvisoryCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('advisory')
    .description(
      'the blast radius of one advisory: every affected service, its owner, exposure, paths and fix',
    )
    .argument('<id>', 'GHSA-, CVE-, GO-, PYSEC- or any alias')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 no service affected, or every one covered by a decision; 1 services affected; 2 unknown id.',
    )
    .action(async (id: string, flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const report = await withStore(global, (store) =>
        advisoryReport(store.db, id),
      );
      if (global.json) printJson(report);
      else printReport(report);
      setExit(report.openServices > 0 ? EXIT_ATTENTION : EXIT_OK);
    });
}
