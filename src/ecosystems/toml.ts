import { parse, TomlError } from 'smol-toml';
import { InputError } from '../core/errors.js';

/** A parsed TOML table, as loosely typed as the file itself. */
export type TomlTable = Record<string, unknown>;

/**
 * Parses TOML text; a syntax error becomes InputError ERR_TOML_SYNTAX with
 * the file and line, since nothing of a half-read lockfile can be trusted.
 */
export function parseTomlFile(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : '';
    throw new InputError(
      'ERR_TOML_SYNTAX',
      `${file} is not valid TOML (${reason}); ` +
        'expected a file written by its tool; regenerate or fix it',
      { file, line, cause: error },
    );
  }
}

/** The value as a table, or undefined for anything else. */
export function asTable(value: unknown): TomlTable | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as TomlTable)
    : undefined;
}

/** The value as an array of tables; other items are dropped. */
export function asTables(value: unknown): TomlTable[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is TomlTable => asTable(v) !== undefined);
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Line numbers (1-based) of every `[[header]]` line, in order, found by a
 * plain scan: smol-toml keeps no positions, and array-of-table entries
 * appear in file order, so the n-th entry sits at the n-th header.
 */
export function headerLines(text: string, header: string): number[] {
  const lines: number[] = [];
  const marker = `[[${header}]]`;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    if (text.startsWith(marker, start)) lines.push(line);
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return lines;
}
