import type { Command } from 'commander';
import { buildInventory, type Inventory } from '../inventory/inventory.js';
import { resolveConfig, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';
import { printJson, printTable } from './output.js';

function hasProblems(inventory: Inventory): boolean {
  return inventory.repositories.some(
    (r) =>
      r.problems.length > 0 || r.services.some((s) => s.problems.length > 0),
  );
}

function printInventory(inventory: Inventory): void {
  const rows = inventory.repositories.flatMap((r) =>
    r.services.map((s) => [
      s.service.name,
      s.service.owner,
      // Distinct versions, as `services` and `deps` count them: an npm
      // tree installs one version at several paths.
      new Set(s.packages.map((p) => p.purl)).size,
      s.service.stack.packageManagers.join(',') || '-',
      s.problems.length > 0
        ? `${s.problems.length} failed file(s)`
        : s.unsupported.length > 0
          ? 'not supported yet'
          : 'ok',
    ]),
  );
  printTable(['SERVICE', 'OWNER', 'PACKAGES', 'MANAGERS', 'STATUS'], rows);
  for (const r of inventory.repositories) {
    for (const s of r.services) {
      for (const p of s.problems)
        console.log(
          `${s.service.name}: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message} [${p.code}]`,
        );
    }
    for (const p of r.problems)
      console.log(`${r.root}: ${p.file}: ${p.message} [${p.code}]`);
  }
}

export function registerInventoryCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('inventory')
    .description('what a scan would find under the paths, without a database')
    .argument('<paths...>', 'repositories or folders of repositories')
    .option('--json', 'print the inventory as JSON (docs/inventory-format.md)')
    .addHelpText(
      'after',
      '\nExit codes: 0 everything read; 1 some files could not be read; 2 bad usage.',
    )
    .action(
      async (paths: string[], options: GlobalOptions, command: Command) => {
        const global = {
          ...command.optsWithGlobals<GlobalOptions>(),
          ...options,
        };
        const config = await resolveConfig(global);
        const inventory = await buildInventory({
          paths,
          settings: { maven: config.maven },
          maxFileBytes: config.scan.maxFileBytes,
        });
        if (global.json) printJson(inventory);
        else printInventory(inventory);
        setExit(hasProblems(inventory) ? EXIT_ATTENTION : EXIT_OK);
      },
    );
}
