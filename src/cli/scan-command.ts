import type { Command } from 'commander';
import { scan, type ScanSummary } from '../scan/scan.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { printJson, printLine } from './output.js';
import { createProgress } from './progress.js';

function printSummary(summary: ScanSummary): void {
  const s = summary.services;
  const head =
    `${s.scanned} services scanned in ${summary.repositories} repositories: ` +
    `${s.written} updated, ${s.unchanged} unchanged, ${s.failed} failed, ${s.retired} retired; ` +
    `${summary.packages} packages stored`;
  printLine(head);
  if (summary.matched)
    printLine(
      `${summary.matched.snapshots} new snapshots matched against the stored advisories: ${summary.matched.findings} findings (see \`quartermaster vulns\`)`,
    );
  for (const p of summary.problems) {
    const where = `${p.file}${p.line ? `:${p.line}` : ''}`;
    printLine(
      `  failed: ${p.service ?? p.repository}: ${where}: ${p.message} [${p.code}]`,
    );
  }
  const unsupported = new Map<string, Set<string>>();
  for (const u of summary.unsupported) {
    unsupported.set(
      u.format,
      (unsupported.get(u.format) ?? new Set()).add(u.service),
    );
  }
  for (const [format, services] of unsupported) {
    printLine(`  not supported yet: ${format} in ${[...services].join(', ')}`);
  }
}

export function registerScanCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('scan')
    .description('scan every repository under the given paths into the store')
    .argument(
      '[paths...]',
      'repositories or folders of repositories (default: sources in quartermaster.yaml)',
    )
    .option('--json', 'print the summary as JSON')
    .option(
      '--force',
      're-read repositories even when nothing changed since the last scan',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 all services scanned; 1 some failed (they keep their last snapshot); 2 bad usage.',
    )
    .action(
      async (paths: string[], options: GlobalOptions, command: Command) => {
        const global = {
          ...command.optsWithGlobals<GlobalOptions>(),
          ...options,
        };
        const summary = await withStore(
          global,
          async (store, config) => {
            const progress = createProgress('scanning');
            try {
              return await scan({
                db: store.db,
                paths:
                  paths.length > 0
                    ? paths
                    : config.sources.length > 0
                      ? config.sources
                      : ['.'],
                settings: { maven: config.maven },
                maxFileBytes: config.scan.maxFileBytes,
                onProgress: progress.update,
                force: Boolean((options as { force?: boolean }).force),
              });
            } finally {
              progress.stop();
            }
          },
          { create: true },
        );
        if (global.json) printJson(summary);
        else printSummary(summary);
        setExit(summary.problems.length > 0 ? EXIT_ATTENTION : EXIT_OK);
      },
    );
}
