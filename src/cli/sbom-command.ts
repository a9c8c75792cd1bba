import { packageVersion } from './package-version.js';
import { stat, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { InputError, NotFoundError } from '../core/errors.js';
import { buildInventory, type Inventory } from '../inventory/inventory.js';
import { loadSnapshotGraph } from '../queries/snapshot-graph-export.js';
import {
  fromInventoryService,
  toCycloneDx,
  toSpdx,
  type SbomGraph,
} from '../sbom/export/index.js';
import { resolveConfig, withStore, type GlobalOptions } from './context.js';
import { EXIT_ATTENTION, EXIT_OK } from './exit-codes.js';

interface SbomFlags extends GlobalOptions {
  format: 'cyclonedx' | 'spdx';
  output?: string;
  service?: string;
}

async function isFolder(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

/** The one service of the inventory the SBOM is for. */
function pickService(inventory: Inventory, path: string, wanted?: string) {
  const all = inventory.repositories.flatMap((r) => r.services);
  const matches = wanted
    ? all.filter(
        (s) =>
          s.service.name === wanted ||
          `${s.service.namespace}/${s.service.name}` === wanted,
      )
    : all;
  if (matches.length === 1) return matches[0]!;
  const names = all.map((s) => s.service.name).join(', ');
  if (matches.length === 0) {
    throw new NotFoundError(
      wanted ? 'ERR_SBOM_SERVICE_NOT_IN_PATH' : 'ERR_SBOM_NO_SERVICE',
      wanted
        ? `no service "${wanted}" under ${path} (found: ${names || 'none'}); ` +
            'give one of those names to --service'
        : `no service found under ${path}; give a repository that holds ` +
            'a lockfile or manifest, or a service name from the store',
    );
  }
  if (wanted) {
    // Same name in several repositories (before the store makes names
    // unique): only the repository folder tells them apart.
    const where = matches.map(
      (s) => `${s.service.name} in ${s.service.repository}`,
    );
    throw new InputError(
      'ERR_SBOM_SERVICE_CHOICE',
      `${matches.length} services under ${path} are named "${wanted}" ` +
        `(${where.join('; ')}); give that repository's folder instead of ${path}`,
    );
  }
  throw new InputError(
    'ERR_SBOM_SERVICE_CHOICE',
    `${path} holds ${matches.length} services (${names}); an SBOM ` +
      'describes one: choose it with --service NAME',
  );
}

async function graphFromPath(path: string, flags: SbomFlags) {
  const config = await resolveConfig(flags);
  const inventory = await buildInventory({
    paths: [path],
    settings: { maven: config.maven },
    maxFileBytes: config.scan.maxFileBytes,
  });
  const entry = pickService(inventory, path, flags.service);
  for (const p of entry.problems) {
    process.stderr.write(
      `quartermaster: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message} [${p.code}]\n`,
    );
  }
  return {
    graph: fromInventoryService(entry),
    complete: !entry.problems.length,
  };
}

async function graphFromStore(service: string, flags: SbomFlags) {
  const result = await withStore(flags, (store) =>
    loadSnapshotGraph(store.db, service),
  );
  if (!result.graph) {
    throw new NotFoundError(
      'ERR_SBOM_NO_SNAPSHOT',
      `service "${service}" has no snapshot yet; run \`quartermaster scan\` ` +
        'on its repository first, or give the repository folder instead',
    );
  }
  return { graph: result.graph, complete: true };
}

function render(graph: SbomGraph, format: SbomFlags['format']): string {
  const options = { toolVersion: packageVersion() };
  const doc =
    format === 'spdx' ? toSpdx(graph, options) : toCycloneDx(graph, options);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function registerSbomCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  program
    .command('sbom')
    .description('an SBOM (CycloneDX 1.6 or SPDX 2.3 JSON) of one service')
    .argument(
      '<service-or-path>',
      'a service in the store (name or namespace/name), or a repository folder',
    )
    .addOption(
      new Option('--format <format>', 'document format')
        .choices(['cyclonedx', 'spdx'])
        .default('cyclonedx'),
    )
    .option('--output <file>', 'write to this file instead of stdout')
    .option(
      '--service <name>',
      'with a folder holding several services: the one to describe',
    )
    .addHelpText(
      'after',
      '\nAn existing folder is scanned without a database; anything else is ' +
        'looked up in the store (--db).\nExit codes: 0 written; 1 written, ' +
        'but some files of the folder could not be read; 2 bad usage or ' +
        'unknown service.',
    )
    .action(async (target: string, flags: SbomFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const { graph, complete } = (await isFolder(target))
        ? await graphFromPath(target, global)
        : await graphFromStore(target, global);
      const text = render(graph, flags.format);
      if (flags.output) await writeFile(flags.output, text);
      else process.stdout.write(text);
      setExit(complete ? EXIT_OK : EXIT_ATTENTION);
    });
}
