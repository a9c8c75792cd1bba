import { Command, CommanderError } from 'commander';
import { describeError, InputError, NotFoundError } from '../core/errors.js';
import { packageVersion } from './package-version.js';
import { EXIT_ATTENTION, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

type Register = (program: Command, setExit: (code: number) => void) => void;

// Commands load their modules only when used: start-up of a small command
// should not pay for the store drivers, the advisory engine and the SBOM
// writers it never touches.
const COMMANDS: ReadonlyArray<[readonly string[], () => Promise<Register>]> = [
  [
    ['scan'],
    async () => (await import('./scan-command.js')).registerScanCommand,
  ],
  [
    ['inventory'],
    async () =>
      (await import('./inventory-command.js')).registerInventoryCommand,
  ],
  [
    ['who-uses'],
    async () => (await import('./who-uses-command.js')).registerWhoUsesCommand,
  ],
  [
    ['services'],
    async () => (await import('./services-command.js')).registerServicesCommand,
  ],
  [
    ['deps'],
    async () => (await import('./deps-command.js')).registerDepsCommand,
  ],
  [
    ['owners'],
    async () => (await import('./owners-command.js')).registerOwnersCommand,
  ],
  [
    ['advisories'],
    async () =>
      (await import('./advisories-command.js')).registerAdvisoriesCommand,
  ],
  [
    ['vulns'],
    async () => (await import('./vulns-command.js')).registerVulnsCommand,
  ],
  [
    ['advisory'],
    async () => (await import('./advisory-command.js')).registerAdvisoryCommand,
  ],
  [
    ['decide', 'decisions'],
    async () =>
      (await import('./decisions-command.js')).registerDecisionsCommand,
  ],
  [['vex'], async () => (await import('./vex-command.js')).registerVexCommand],
  [
    ['sbom'],
    async () => (await import('./sbom-command.js')).registerSbomCommand,
  ],
];

const GLOBAL_OPTIONS_WITH_VALUES = new Set(['--db', '--config']);

/** The command a command line names, past the global options; undefined for none. */
function commandNameOf(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_OPTIONS_WITH_VALUES.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * Builds the program with the command `argv` names, or with every command
 * (for help, and for an unknown name so that commander can suggest one).
 * Each command reports its exit code through `setExit`.
 */
export async function createProgram(
  setExit: (code: number) => void,
  argv: readonly string[] = [],
): Promise<Command> {
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
  const wanted = commandNameOf(argv);
  const known = COMMANDS.some(
    ([names]) => wanted !== undefined && names.includes(wanted),
  );
  for (const [names, load] of COMMANDS) {
    if (!known || names.includes(wanted!)) (await load())(program, setExit);
  }
  return program;
}

/** Runs the command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `quartermaster deps x | head` closes the pipe early: that is not an
  // error. Once per process: tests call main() many times.
  if (!process.stdout.listeners('error').includes(exitOnClosedPipe))
    process.stdout.on('error', exitOnClosedPipe);
  let exitCode = EXIT_OK;
  const program = await createProgram((code) => {
    exitCode = code;
  }, argv);
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

function exitOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
  throw error;
}
