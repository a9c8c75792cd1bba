import { counted } from './format.js';
import type { Command } from 'commander';
import type { ImportCounts } from '../advisories/sync/import-counted.js';
import {
  importWithEnrichment,
  runSync,
  type ImportReport,
  type SyncReport,
} from '../advisories/sync/sync-command-flow.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { printJson, printLine } from './output.js';
import { parseEcosystem } from './package-query.js';

interface SyncFlags extends GlobalOptions {
  ecosystem?: string[];
  baseUrl?: string;
  offline?: boolean;
  kev?: string;
  epss?: string;
}

export function printImportCounts(counts: ImportCounts): void {
  printLine(
    `${counts.records} records in ${counts.files} files: ` +
      `${counts.imported} imported, ${counts.updated} updated, ` +
      `${counts.withdrawn} withdrawn, ${counts.aliasesMerged} aliases merged, ` +
      `${counts.unchanged} unchanged`,
  );
  printLine(
    `re-matched ${counted(counts.snapshots, 'snapshot')}: ${counted(counts.findings, 'finding')}`,
  );
  for (const w of counts.warnings.slice(0, 20))
    printLine(`  warning: ${w.source}: ${w.message} [${w.code}]`);
  if (counts.warnings.length > 20)
    printLine(`  ... and ${counts.warnings.length - 20} more warnings`);
}

interface ImportFlags extends GlobalOptions {
  kev?: string;
  epss?: string;
}

function printImportReport(report: ImportReport): void {
  const { kev, epss } = report.enrichment ?? {};
  if (kev) printLine(`KEV: ${kev.entries} entries from ${kev.file}`);
  if (epss) printLine(`EPSS: ${epss.scores} scores from ${epss.location}`);
  printImportCounts(report);
}

/** `advisories import` (and `advisories sync`, registered beside it). */
export function registerAdvisoriesCommand(
  program: Command,
  setExit: (code: number) => void,
): Command {
  const advisories = program
    .command('advisories')
    .description('import and sync OSV advisories');
  advisories
    .command('import')
    .description(
      'import OSV advisories from folders, files or osv.dev zip exports, then re-match what changed',
    )
    .argument('<paths...>', 'folders, OSV JSON files or all.zip exports')
    .option(
      '--kev <file>',
      "CISA's KEV JSON (default: known_exploited_vulnerabilities.json found in the folders)",
    )
    .option(
      '--epss <file-or-folder>',
      "FIRST's EPSS CSV (.gz), or a folder of them (default: EPSS CSVs found in the folders)",
    )
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 imported (records that could not be read are listed and skipped); 2 unreadable source, or no record read at all.',
    )
    .action(async (paths: string[], flags: ImportFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const report = await withStore(
        global,
        (store) =>
          importWithEnrichment(store.db, paths, {
            kev: flags.kev,
            epss: flags.epss,
          }),
        { create: true },
      );
      if (global.json) printJson(report);
      else printImportReport(report);
      // Skipped records are normal in real feeds, and `import && vulns`
      // must go on: they are listed, not signalled. A source that gave no
      // record at all was the wrong path or a broken file.
      if (report.records > 0) {
        setExit(EXIT_OK);
        return;
      }
      process.stderr.write(
        `quartermaster: no OSV record could be read from ${paths.join(', ')}; ` +
          'give folders, OSV JSON or YAML files, or osv.dev all.zip exports [ERR_OSV_NOTHING_READ]\n',
      );
      setExit(EXIT_USAGE);
    });
  advisories
    .command('match')
    .description(
      'match every current snapshot against every stored advisory and write what changed',
    )
    .option('--json', 'print the counts as JSON')
    .action(async (flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const summary = await withStore(global, async (store) => {
        const { matchAll } =
          await import('../advisories/matching/match-all.js');
        return matchAll(store.db);
      });
      if (global.json) printJson(summary);
      else
        printLine(
          `matched ${summary.snapshots} snapshots: ${summary.findings} findings ` +
            `(${summary.written ?? 0} written, ${summary.removed ?? 0} removed)`,
        );
      setExit(EXIT_OK);
    });
  registerSync(advisories, setExit);
  return advisories;
}

function printSync(report: SyncReport): void {
  if (report.enrichment.kev)
    printLine(`KEV: ${report.enrichment.kev.entries} entries`);
  if (report.enrichment.epss)
    printLine(`EPSS: ${report.enrichment.epss.scores} scores`);
  if (report.ecosystems.length === 0)
    printLine('no ecosystem to sync: scan first or name one with --ecosystem');
  for (const e of report.ecosystems) {
    printLine(`${e.ecosystem}: ${e.status}`);
    if (e.counts) printImportCounts(e.counts);
    if (e.error) printLine(`  ${e.error.message} [${e.error.code}]`);
  }
  if (report.rematched)
    printLine(
      `re-matched ${counted(report.rematched.snapshots, 'snapshot')} with new KEV/EPSS: ${counted(report.rematched.findings, 'finding')}`,
    );
}

function registerSync(
  advisories: Command,
  setExit: (code: number) => void,
): void {
  advisories
    .command('sync')
    .description(
      "download osv.dev's per-ecosystem exports (only when changed) and import newer records",
    )
    .option(
      '--ecosystem <names...>',
      'ecosystems to sync (default: those in the inventory)',
    )
    .option(
      '--base-url <url>',
      'where <Ecosystem>/all.zip lives (default: advisories.baseUrl, else osv.dev)',
    )
    .option('--offline', 'import the cached archives only; no network')
    .option('--kev <url-or-file>', "CISA's KEV JSON to cache and rank with")
    .option(
      '--epss <url-or-file>',
      "FIRST's EPSS CSV (.gz) to cache and rank with",
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every ecosystem synced; 1 some failed or had nothing cached (the cache stays); 2 bad usage.',
    )
    .action(async (flags: SyncFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const report = await withStore(
        global,
        (store, config) =>
          runSync(store.db, config, {
            ecosystems: flags.ecosystem?.map(parseEcosystem),
            baseUrl: flags.baseUrl,
            offline: flags.offline,
            kev: flags.kev,
            epss: flags.epss,
          }),
        { create: true },
      );
      if (global.json) printJson(report);
      else printSync(report);
      const bad = report.ecosystems.some(
        (e) => e.status === 'failed' || e.status === 'missing',
      );
      setExit(bad ? EXIT_ATTENTION : EXIT_OK);
    });
}
