import { InputError } from '../core/errors.js';
import { Option, type Command } from 'commander';
import { whoUses, type WhoUsesResult } from '../queries/who-uses.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_OK } from './exit-codes.js';
import { formatExposure, formatPath, shortRef, topGroup } from './format.js';
import {
  parseCount,
  prefixHint,
  parseEcosystem,
  parsePackageQuery,
} from './package-query.js';
import { printJson, printLine, printTable } from './output.js';

interface WhoUsesFlags extends GlobalOptions {
  ecosystem?: string;
  relation: 'direct' | 'transitive' | 'any';
  paths?: boolean;
  limit: string;
  offset: string;
  includeRetired?: boolean;
}

function printResult(result: WhoUsesResult, withPaths: boolean): void {
  if (result.total === 0) {
    printLine('no service uses it');
    return;
  }
  if (result.services.length === 0) {
    printLine(
      `no services on this page: ${result.total} in all, --offset ${result.offset} is past them`,
    );
    return;
  }
  const rows = result.services.flatMap((s) =>
    s.matches.map((m) => [
      s.retiredAt ? `${s.name} (retired)` : s.name,
      shortRef(s.owner),
      topGroup(s.ownerChain),
      formatExposure(s.exposure),
      `${m.name}@${m.version ?? '(unresolved)'}`,
      m.direct ? 'direct' : 'transitive',
      m.scope,
    ]),
  );
  printTable(
    ['SERVICE', 'OWNER', 'TRIBE', 'EXPOSURE', 'PACKAGE', 'RELATION', 'SCOPE'],
    rows,
  );
  if (withPaths) {
    printLine();
    for (const s of result.services) {
      for (const m of s.matches) {
        if (!m.path) continue;
        const others = m.otherPaths
          ? m.otherPathsCapped
            ? ` (${m.otherPaths}+ other paths)`
            : ` (+${m.otherPaths} other ${m.otherPaths === 1 ? 'path' : 'paths'})`
          : '';
        printLine(`${s.name}: ${formatPath(m.path)}${others}`);
      }
    }
  }
  const shown = result.offset + result.services.length;
  if (shown < result.total)
    printLine(`\n${result.total - shown} more services: use --offset ${shown}`);
}

/** A bare artifactId finds nothing in Maven, whose names are group:artifact. */
async function suggestMavenNames(
  global: GlobalOptions,
  artifact: string,
  askedForMaven: boolean,
): Promise<void> {
  const names = await withStore(global, (store) =>
    store.db
      .selectFrom('packages')
      .select('name')
      .distinct()
      .where('ecosystem', '=', 'Maven')
      .where('name', 'like', `%:${artifact}`)
      .limit(5)
      .execute(),
  );
  for (const { name } of names) printLine(`did you mean maven:${name}?`);
  if (names.length === 0 && askedForMaven)
    printLine(
      'a Maven package is named groupId:artifactId, e.g. maven:org.apache.logging.log4j:log4j-core',
    );
}

/** `--limit`: a page holds one service at least, or no total is counted. */
function pageSize(text: string): number {
  const limit = parseCount('--limit', text);
  if (limit === 0)
    throw new InputError(
      'ERR_OPTION_INVALID',
      '--limit 0 lists nothing; give a page size of 1 or more',
    );
  return limit;
}

export function registerWhoUsesCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('who-uses')
    .description('which services use a package, and through which path')
    .argument(
      '<package>',
      'name, name@version-or-range (the ecosystem\'s own range syntax: "lodash@<4.17.21", "pypi:requests@~=2.28", "maven:g:a@[,30)"), ecosystem:name or a purl',
    )
    .option(
      '--ecosystem <name>',
      'npm, Maven, PyPI, Go, crates.io, RubyGems, NuGet or Packagist',
    )
    .addOption(
      new Option('--relation <kind>', 'direct or transitive uses only')
        .choices(['direct', 'transitive', 'any'])
        .default('any'),
    )
    .option(
      '--paths',
      'show the shortest path from the service to the package, and how many others exist',
    )
    .option('--limit <n>', 'services per page', '50')
    .option('--offset <n>', 'services to skip', '0')
    .option('--include-retired', 'also list retired services')
    .option('--json', 'print JSON')
    .action(async (text: string, flags: WhoUsesFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const query = parsePackageQuery(text);
      const ecosystem = flags.ecosystem
        ? parseEcosystem(flags.ecosystem)
        : query.ecosystem;
      const result = await withStore(global, (store) =>
        whoUses(store.db, {
          ...query,
          ecosystem,
          relation: flags.relation,
          paths: Boolean(flags.paths),
          limit: pageSize(flags.limit),
          offset: parseCount('--offset', flags.offset),
          includeRetired: Boolean(flags.includeRetired),
        }),
      );
      if (global.json) printJson(result);
      else printResult(result, Boolean(flags.paths));
      if (!global.json && result.total === 0) {
        const hint = prefixHint(text);
        if (hint) printLine(hint);
        else if (query.name && !query.name.includes(':'))
          await suggestMavenNames(global, query.name, ecosystem === 'Maven');
      }
      setExit(EXIT_OK);
    });
}
