import { Option, type Command } from 'commander';
import { InputError } from '../core/errors.js';
import {
  listVulns,
  type VulnRow,
  type VulnsFilters,
  type VulnsResult,
} from '../advisories/decisions/list-vulns.js';
import type { Priority } from '../advisories/priority.js';
import { decisionLookup } from '../advisories/decisions/apply-decisions.js';
import { listDecisions } from '../advisories/decisions/record-decision.js';
import type { ExposureFilter } from '../queries/list-services.js';
import { countVulnerabilities } from '../store/advisories/count-vulnerabilities.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { shortRef, counted } from './format.js';
import { printJson, printLine, printTable } from './output.js';
import { parseEcosystem } from './package-query.js';

interface VulnsFlags extends GlobalOptions {
  severity?: string[];
  priority?: string[];
  owner?: string;
  group?: string;
  service?: string;
  ecosystem?: string;
  exposure?: ExposureFilter;
  relation?: 'direct' | 'transitive' | 'any';
  fixAvailable?: boolean;
  why?: boolean;
  all?: boolean;
}

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unknown'];

function listOf(values: string[] | undefined, allowed: string[], flag: string) {
  const out = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const v of out)
    if (!allowed.includes(v))
      throw new InputError(
        'ERR_VULNS_FILTER',
        `${flag} "${v}" is not known; expected one of ${allowed.join(', ')}`,
      );
  return out.length > 0 ? out : undefined;
}

function toFilters(flags: VulnsFlags): VulnsFilters {
  return {
    severity: listOf(
      flags.severity?.map((s) => s.toLowerCase()),
      SEVERITIES,
      '--severity',
    ),
    priority: listOf(
      flags.priority?.map((p) => p.toUpperCase()),
      PRIORITIES,
      '--priority',
    ) as Priority[] | undefined,
    owner: flags.owner,
    group: flags.group,
    service: flags.service,
    ecosystem:
      flags.ecosystem === undefined
        ? undefined
        : parseEcosystem(flags.ecosystem),
    exposure: flags.exposure,
    relation: flags.relation === 'any' ? undefined : flags.relation,
    fixAvailable: flags.fixAvailable,
  };
}

function packageCell(f: VulnRow): string {
  return `${f.package.name}@${f.package.version ?? '?'}`;
}

function printVulns(result: VulnsResult, why: boolean): void {
  if (result.total === 0) {
    printLine(
      result.hidden > 0
        ? `no open findings (${result.hidden} covered by decisions; --all shows them)`
        : 'no findings',
    );
    return;
  }
  printTable(
    [
      'SERVICE',
      'OWNER',
      'PACKAGE',
      'ADVISORY',
      'SEVERITY',
      'PRIORITY',
      'FIXED IN',
      'DUE',
    ],
    result.findings.map((f) => [
      f.service.name,
      shortRef(f.service.owner),
      packageCell(f),
      f.vulnerability.ids.join(' '),
      f.vulnerability.severity,
      f.decision ? `${f.priority} (${f.decision.status})` : f.priority,
      f.fixedVersions.join(', ') || '-',
      f.due ?? '-',
    ]),
  );
  if (why)
    for (const f of result.findings) {
      printLine();
      printLine(`${f.service.name} ${packageCell(f)} ${f.vulnerability.id}:`);
      for (const reason of f.reasons) printLine(`  - ${reason}`);
      if (f.decision)
        printLine(
          `  decided ${f.decision.status} by ${f.decision.author} (${f.decision.scope}): ${f.decision.reason}`,
        );
    }
  printLine();
  printLine(
    `${counted(result.total, 'finding')}` +
      (result.hidden > 0 ? `; ${result.hidden} covered by decisions` : ''),
  );
}

export function registerVulnsCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('vulns')
    .description(
      'vulnerable packages in the current snapshots, most urgent first',
    )
    .option(
      '--severity <levels...>',
      'critical, high, medium, low, none, unknown',
    )
    .option('--priority <levels...>', 'P1, P2, P3, P4')
    .option('--owner <ref>', 'owned by this group or user, exactly')
    .option('--group <ref>', 'owned by this group or any group below it')
    .option('--service <name>', 'this service (name or namespace/name)')
    .option('--ecosystem <name>', 'packages of this ecosystem')
    .addOption(
      new Option('--exposure <kind>', 'services exposed this way').choices([
        'internet-facing',
        'user-data',
        'payment-path',
      ]),
    )
    .addOption(
      new Option(
        '--relation <kind>',
        'direct or transitive dependencies',
      ).choices(['direct', 'transitive', 'any']),
    )
    .option('--fix-available', 'only findings with a fixed version')
    .option('--why', 'print the reasons behind each priority')
    .option('--all', 'also list findings covered by a decision')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 no findings listed; 1 findings listed; 2 bad usage, or no advisories imported yet.\n' +
        'Due dates: first seen + policies.slaDays[priority] (default P1 7, P2 30, P3 90, P4 180 days).',
    )
    .action(async (flags: VulnsFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const filters = toFilters(flags);
      const result = await withStore(global, async (store, config) => {
        // With no advisory stored, "no findings" would pass a CI step that
        // never imported any.
        if ((await countVulnerabilities(store.db, 1)) === 0)
          throw new InputError(
            'ERR_NO_ADVISORIES',
            'the store holds no advisories, so nothing can be found; ' +
              'run `quartermaster advisories import PATH` or `quartermaster advisories sync` first',
          );
        return listVulns(store.db, filters, {
          slaDays: config.policies.slaDays,
          all: flags.all,
          decisionFor: decisionLookup(await listDecisions(store.db)),
        });
      });
      if (global.json) printJson(result);
      else printVulns(result, Boolean(flags.why));
      setExit(result.total > 0 ? EXIT_ATTENTION : EXIT_OK);
    });
}
