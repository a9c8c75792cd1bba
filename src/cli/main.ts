import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { describeError, InputError, NotFoundError } from '../core/errors.js';
import { EXIT_ATTENTION, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { registerAdvisoriesCommand } from './advisories-command.js';
import { registerAdvisoryCommand } from './advisory-command.js';
import { registerDecisionsCommand } from './decisions-command.js';
import { registerDepsCommand } from './deps-command.js';
import { registerInventoryCommand } from './inventory-command.js';
import { registerOwnersCommand } from './owners-command.js';
import { registerSbomCommand } from './sbom-command.js';
import { registerScanCommand } from './scan-command.js';
import { registerServicesCommand } from './services-command.js';
import { registerVexCommand } from './vex-command.js';
import { registerVulnsCommand } from './vulns-command.js';
import { registerWhoUsesCommand } from './who-uses-command.js';

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/** Builds the program; each command reports its exit code through `setExit`. */
export function createProgram(setExit: (code: number) => void): Command {
  const program = new Command('quartermaster')
    .description(
      'Supply-chain intelligence for an organisation: catalog, dependencies, vulnerabilities',
    )
    .version(packageVersion())
    .option(
      '--db <target>',
      'SQLite file or postgres:// URL (default: $QM_DB, else ./.quartermaster/quartermaster.db)',
    )
    .option(
      '--config <file>',
      'configuration file (default: ./quartermaster.yaml when present)',
    )
    .exitOverride()
    .showHelpAfterError();
  registerScanCommand(program, setExit);
  registerInventoryCommand(program, setExit);
  registerWhoUsesCommand(program, setExit);
  registerServicesCommand(program, setExit);
  registerDepsCommand(program, setExit);
  registerOwnersCommand(program, setExit);
  registerAdvisoriesCommand(program, setExit);
  registerVulnsCommand(program, setExit);
  registerAdvisoryCommand(program, setExit);
  registerDecisionsCommand(program, setExit);
  registerVexCommand(program, setExit);
  registerSbomCommand(program, setExit);
  return program;
}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `quartermaster deps x | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
  let exitCode = EXIT_OK;
  const program = createProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    process.stderr.write(`quartermaster: ${describeError(error)}\n`);
    return error instanceof InputError || error instanceof NotFoundError
      ? EXIT_USAGE
      : EXIT_ATTENTION;
  }
}
