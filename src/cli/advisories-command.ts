import type { Command } from 'commander';
import {
  importAdvisoryPaths,
  type ImportCounts,
} from '../advisories/sync/import-counted.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { printJson, printLine } from './output.js';

export function printImportCounts(counts: ImportCounts): void {
  printLine(
    `${counts.records} records in ${counts.files} files: ` +
      `${counts.imported} imported, ${counts.updated} updated, ` +
      `${counts.withdrawn} withdrawn, ${counts.aliasesMerged} aliases merged, ` +
      `${counts.unchanged} unchanged`,
  );
  printLine(
    `re-matched ${counts.snapshots} snapshots: ${counts.findings} findings`,
  );
  for (const w of counts.warnings.slice(0, 20))
    printLine(`  skipped: ${w.source}: ${w.message} [${w.code}]`);
  if (counts.warnings.length > 20)
    printLine(`  ... and ${counts.warnings.length - 20} more skipped`);
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
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 imported; 1 some records were skipped (listed); 2 unreadable source.',
    )
    .action(async (paths: string[], flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const counts = await withStore(global, (store) =>
        importAdvisoryPaths(store.db, paths),
      );
      if (global.json) printJson(counts);
      else printImportCounts(counts);
      setExit(counts.warnings.length > 0 ? EXIT_ATTENTION : EXIT_OK);
    });
  return advisories;
}
