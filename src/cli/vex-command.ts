import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  exportVex,
  importVex,
  type VexFormat,
} from '../advisories/vex/vex-io.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { printJson, printLine } from './output.js';

interface ExportFlags extends GlobalOptions {
  format: VexFormat;
  author?: string;
  output?: string;
  includeExpired?: boolean;
}

export function registerVexCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  const vex = program
    .command('vex')
    .description('exchange triage decisions as CycloneDX VEX or OpenVEX');
  vex
    .command('export')
    .description('write every decision as a VEX document')
    .addOption(
      new Option('--format <format>', 'document format')
        .choices(['cyclonedx', 'openvex'])
        .default('cyclonedx'),
    )
    .option('--author <name>', 'OpenVEX document author', 'quartermaster')
    .option('--output <file>', 'write to a file instead of standard output')
    .option('--include-expired', 'also export decisions past their expiry')
    .action(async (flags: ExportFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const document = await withStore(global, (store) =>
        exportVex(store.db, {
          format: flags.format,
          author: flags.author,
          includeExpired: flags.includeExpired,
        }),
      );
      if (flags.output)
        await writeFile(flags.output, `${JSON.stringify(document, null, 2)}\n`);
      else printJson(document);
      setExit(EXIT_OK);
    });
  vex
    .command('import')
    .description('record the decisions of a CycloneDX VEX or OpenVEX file')
    .argument('<file>', 'VEX JSON file')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 imported; 1 some statements were skipped (not decisions); 2 unreadable file.',
    )
    .action(async (file: string, flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const result = await withStore(
        global,
        (store) => importVex(store.db, file),
        { create: true },
      );
      if (global.json) printJson(result);
      else {
        printLine(`${result.decisions.length} decisions recorded`);
        for (const w of result.warnings) printLine(`  ${w}`);
      }
      setExit(result.warnings.length > 0 ? EXIT_ATTENTION : EXIT_OK);
    });
}
