import type { Command } from 'commander';
import type { Decision } from '../advisories/decisions/model.js';
import {
  listDecisions,
  recordDecision,
} from '../advisories/decisions/record-decision.js';
import { isLive } from '../advisories/decisions/model.js';
import { withStore, type GlobalOptions } from './context.js';
import { EXIT_OK } from './exit-codes.js';
import { printJson, printLine, printTable } from './output.js';

interface DecideFlags extends GlobalOptions {
  service?: string;
  package?: string;
  status: string;
  justification?: string;
  reason: string;
  author: string;
  expires?: string;
}

function describe(d: Decision): string {
  const service = d.service ?? 'the whole organisation';
  const where = d.purl ? `${d.purl} in ${service}` : service;
  const until = d.expiresAt ? ` until ${d.expiresAt.slice(0, 10)}` : '';
  return `${d.advisoryId}: ${d.status} for ${where}${until}`;
}

function registerDecide(program: Command, setExit: (code: number) => void) {
  program
    .command('decide')
    .description(
      'record a triage decision on an advisory; vulns hides the findings it covers',
    )
    .argument('<advisory-id>', 'GHSA-, CVE- or any alias')
    .option(
      '--service <name>',
      'only this service (default: organisation-wide)',
    )
    .option('--package <purl>', 'only this package version (a purl)')
    .requiredOption(
      '--status <status>',
      'not_affected, accepted_risk or false_positive',
    )
    .option(
      '--justification <vex>',
      'VEX justification, required for not_affected (e.g. vulnerable_code_not_in_execute_path)',
    )
    .requiredOption('--reason <text>', 'why, in words a reviewer understands')
    .requiredOption('--author <name>', 'who decided')
    .option('--expires <date>', 'YYYY-MM-DD after which the decision lapses')
    .option('--json', 'print the decision as JSON')
    .action(async (id: string, flags: DecideFlags, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const { decision, replaced } = await withStore(
        global,
        async (store) => {
          const before = await listDecisions(store.db);
          const decision = await recordDecision(store.db, {
            advisoryId: id,
            service: flags.service,
            purl: flags.package,
            status: flags.status,
            justification: flags.justification,
            reason: flags.reason,
            author: flags.author,
            expires: flags.expires,
          });
          // One decision per advisory, service and package: say what went.
          const replaced = before.find(
            (d) =>
              d.advisoryId === decision.advisoryId &&
              d.service === decision.service &&
              d.purl === decision.purl,
          );
          return { decision, replaced };
        },
        { create: true },
      );
      if (global.json) printJson(decision);
      else {
        printLine(`recorded ${describe(decision)}`);
        if (replaced)
          printLine(
            `it replaces the earlier decision: ${replaced.status} by ${replaced.author} on ${replaced.createdAt.slice(0, 10)} ("${replaced.reason}")`,
          );
      }
      setExit(EXIT_OK);
    });
}

function registerList(program: Command, setExit: (code: number) => void) {
  program
    .command('decisions')
    .description('list triage decisions, expired ones marked')
    .option('--json', 'print JSON')
    .action(async (flags: GlobalOptions, command: Command) => {
      const global = { ...command.optsWithGlobals<GlobalOptions>(), ...flags };
      const decisions = await withStore(global, (store) =>
        listDecisions(store.db),
      );
      const now = new Date().toISOString();
      if (global.json) printJson({ decisions });
      else if (decisions.length === 0) printLine('no decisions');
      else
        printTable(
          [
            'ADVISORY',
            'SCOPE',
            'STATUS',
            'JUSTIFICATION',
            'AUTHOR',
            'EXPIRES',
            'REASON',
          ],
          decisions.map((d) => [
            d.advisoryId,
            [d.service ?? 'organisation', d.purl].filter(Boolean).join(' '),
            d.status,
            d.justification ?? '-',
            d.author,
            d.expiresAt
              ? `${d.expiresAt.slice(0, 10)}${isLive(d, now) ? '' : ' (expired)'}`
              : '-',
            d.reason,
          ]),
        );
      setExit(EXIT_OK);
    });
}

/** `decide` and `decisions`. */
export function registerDecisionsCommand(
  program: Command,
  setExit: (code: number) => void,
): void {
  registerDecide(program, setExit);
  registerList(program, setExit);
}
